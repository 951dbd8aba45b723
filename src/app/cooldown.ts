/** Per-user, per-command cooldowns (the discord.js guide's `cooldown` field). In memory: a restart forgives. */
import type { Clock } from '../contracts/clock';

export class Cooldowns {
  private readonly until = new Map<string, number>();
  constructor(private readonly clock: Clock, private readonly limit = 10_000) {}

  /** Seconds left to wait, or 0 when the user may run it now (and the cooldown starts). */
  take(userKey: string, command: string, seconds: number | undefined): number {
    if (!seconds) return 0;
    const key = `${userKey}\u0000${command}`;
    const now = this.clock();
    const until = this.until.get(key) ?? 0;
    if (until > now) return Math.ceil((until - now) / 1000);
    if (this.until.size >= this.limit) this.until.clear();
    this.until.set(key, now + seconds * 1000);
    return 0;
  }
}
