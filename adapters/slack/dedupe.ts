/**
 * Slack redelivers an event it thinks was not received (X-Slack-Retry-Num, or a Socket Mode
 * envelope's retry_attempt), and a click may arrive twice. Each delivery's key (event_id,
 * trigger_id) is remembered here for a while, so a command never runs twice.
 */
import type { Clock } from '../../src/contracts/clock';

/** Slack retries three times within about five minutes (docs: "Events API — retries"). */
export const DELIVERY_MEMORY_MS = 10 * 60 * 1000;
/** Bounded: the oldest keys go first when a busy workspace sends more than this. */
export const DELIVERY_MEMORY_SIZE = 5000;

export class Deliveries {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock = Date.now,
    private readonly size = DELIVERY_MEMORY_SIZE,
    private readonly memoryMs = DELIVERY_MEMORY_MS,
  ) {}

  /** True the first time a key is offered (within the memory), false for every repeat. */
  first(key: string): boolean {
    const now = this.clock();
    for (const [k, at] of this.seenAt) {
      if (now - at < this.memoryMs && this.seenAt.size < this.size) break;
      this.seenAt.delete(k);
    }
    const at = this.seenAt.get(key);
    if (at !== undefined && now - at < this.memoryMs) return false;
    this.seenAt.delete(key);
    this.seenAt.set(key, now);
    return true;
  }

  get count(): number {
    return this.seenAt.size;
  }
}

/** What the listeners ask: is this delivery the first? (sync in one process, async shared). */
export interface DeliveryLog {
  first(key: string): boolean | Promise<boolean>;
}

/**
 * Several HTTP instances behind one URL: Slack's retry may reach another process than the
 * first delivery did. A delivery counts as first only if this process has not seen it and
 * no process has claimed it in the store (FIRST_TIME, App.firstTime: a lease with expiry).
 * If the store cannot answer, the local answer stands: a missed duplicate is better than a
 * dropped command while the store is away.
 */
export class SharedDeliveries implements DeliveryLog {
  constructor(
    private readonly firstTime: (name: string, ttlMs: number) => Promise<boolean>,
    private readonly local = new Deliveries(),
    private readonly memoryMs = DELIVERY_MEMORY_MS,
  ) {}

  async first(key: string): Promise<boolean> {
    if (!this.local.first(key)) return false;
    try {
      return await this.firstTime(`slack-delivery:${key}`, this.memoryMs);
    } catch {
      return true;
    }
  }
}
