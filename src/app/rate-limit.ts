/**
 * Flood protection for a shared terminal: each user may send at most `count` invocations in
 * any `windowMs`, so one student holding Enter cannot drown the class's channel. In memory
 * (a restart forgives); bounded in size.
 */
import type { Clock } from '../contracts/clock';

export interface RateLimit {
  count: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { count: 20, windowMs: 10_000 };

const MAX_USERS = 10_000;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly clock: Clock, private readonly limit: RateLimit) {}

  /** 0 when the user may go on (and the invocation counts), else the seconds to wait. */
  take(userKey: string): number {
    const now = this.clock();
    const since = now - this.limit.windowMs;
    const times = (this.recent.get(userKey) ?? []).filter((t) => t > since);
    if (times.length >= this.limit.count) {
      this.recent.set(userKey, times);
      return Math.max(1, Math.ceil(((times[0] ?? now) + this.limit.windowMs - now) / 1000));
    }
    times.push(now);
    if (!this.recent.has(userKey) && this.recent.size >= MAX_USERS) this.recent.clear();
    this.recent.set(userKey, times);
    return 0;
  }
}
