/**
 * Flood protection for a shared terminal: each user may send at most `count` inputs in any
 * `windowMs`, and so may each conversation (everyone in it together), so one student
 * holding Enter, or a script clicking a quiz's buttons (issue 8, finding 9: 100 clicks in
 * 134 ms, each a store write), cannot drown the class. It covers every input kind: slash
 * commands, mentions, button clicks, modal submits (they arrive as commands) and, with a
 * limit of its own, autocomplete. In memory (a restart forgives); bounded in size. The
 * numbers are in budget.ts.
 *
 * With several bot processes on one store (Discord shards, Slack instances behind one URL)
 * a user's inputs reach different processes, so the user limit is also counted in the
 * store (SharedCounter: src/store/lease.ts takeShared, a side document per user). The
 * in-process count stays the fast path: it refuses without asking the store. The store's
 * count fails open: an error or a slow answer (SHARED_FLOOD_WAIT_MS) lets the input go on
 * and is logged, since a flood limit must never be why a command fails.
 */
import type { Clock } from '../contracts/clock';
import type { Invocation } from '../contracts/invocation';
import type { Logger } from '../contracts/logger';
import { asModlabError } from '../contracts/errors';
import { CONVERSATION_FLOOD, SHARED_FLOOD_WAIT_MS, USER_FLOOD, type FloodLimit } from '../contracts/budget';

export type RateLimit = FloodLimit;

export const DEFAULT_RATE_LIMIT: RateLimit = USER_FLOOD;

const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly clock: Clock, private readonly limit: RateLimit) {}

  /** 0 when KEY may go on (and the input counts), else the seconds to wait. */
  take(key: string): number {
    const wait = this.wait(key);
    if (wait === 0) this.count(key);
    return wait;
  }

  /** The seconds KEY must wait (0: none), counting nothing. */
  wait(key: string): number {
    const now = this.clock();
    const times = this.window(key, now);
    if (times.length < this.limit.count) return 0;
    return Math.max(1, Math.ceil(((times[0] ?? now) + this.limit.windowMs - now) / 1000));
  }

  /** Count one input of KEY now. */
  count(key: string): void {
    const now = this.clock();
    const times = this.window(key, now);
    times.push(now);
    if (!this.recent.has(key) && this.recent.size >= MAX_KEYS) this.recent.clear();
    this.recent.set(key, times);
  }

  /** Take back the last input of KEY counted (another limit refused it). */
  uncount(key: string): void {
    this.recent.get(key)?.pop();
  }

  private window(key: string, now: number): number[] {
    const since = now - this.limit.windowMs;
    const times = (this.recent.get(key) ?? []).filter((t) => t > since);
    if (this.recent.has(key)) this.recent.set(key, times);
    return times;
  }
}

/** A flood count every process on the store shares: 0 when KEY may go on (and it counts), else the seconds to wait. */
export type SharedCounter = (key: string, limit: RateLimit) => Promise<number>;

export type FloodRefusal = { who: 'user' | 'conversation'; seconds: number };

/** Both limits of an input: its user's and its conversation's. An input refused by either counts for neither. */
export class Flood {
  private readonly users: RateLimiter;
  private readonly conversations: RateLimiter;

  constructor(
    clock: Clock,
    private readonly user: RateLimit = USER_FLOOD,
    conversation: RateLimit = CONVERSATION_FLOOD,
    /** The user limit across processes; absent: this process's count only. */
    private readonly shared?: { count: SharedCounter; logger: Logger },
  ) {
    this.users = new RateLimiter(clock, user);
    this.conversations = new RateLimiter(clock, conversation);
  }

  /** undefined when INVOCATION may go on (and counts); else who must wait and how long. */
  async take(invocation: Invocation): Promise<FloodRefusal | undefined> {
    const { scope, user } = invocation;
    const userKey = `${scope.platform}:${user.id}`;
    const conversationKey = [scope.platform, scope.workspace, scope.channel, scope.thread ?? ''].join(':');
    const userWait = this.users.wait(userKey);
    if (userWait > 0) return { who: 'user', seconds: userWait };
    const conversationWait = this.conversations.wait(conversationKey);
    if (conversationWait > 0) return { who: 'conversation', seconds: conversationWait };
    // Counted here before the store answers, so that inputs arriving meanwhile see it.
    this.users.count(userKey);
    this.conversations.count(conversationKey);
    const sharedWait = this.shared ? await this.sharedWait(userKey, invocation.id) : 0;
    if (sharedWait === 0) return undefined;
    this.users.uncount(userKey);
    this.conversations.uncount(conversationKey);
    return { who: 'user', seconds: sharedWait };
  }

  private async sharedWait(key: string, invocation: string): Promise<number> {
    const shared = this.shared!;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), SHARED_FLOOD_WAIT_MS);
    });
    try {
      const seconds = await Promise.race([shared.count(key, this.user), late]);
      if (seconds !== 'late') return seconds;
      shared.logger.warn('shared flood limit: the store answered late; input let through', { code: 'store-timeout', invocation });
    } catch (error) {
      shared.logger.warn('shared flood limit: the store failed; input let through', { code: asModlabError(error).code, invocation });
    } finally {
      clearTimeout(timer);
    }
    return 0;
  }
}
