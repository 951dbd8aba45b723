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
