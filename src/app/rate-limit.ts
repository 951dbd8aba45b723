/**
 * Flood protection for a shared terminal: each user may send at most `count` inputs in any
 * `windowMs`, and so may each conversation (everyone in it together), so one student
 * holding Enter, or a script clicking a quiz's buttons (issue 8, finding 9: 100 clicks in
 * 134 ms, each a store write), cannot drown the class. It covers every input kind: slash
 * commands, mentions, button clicks, modal submits (they arrive as commands) and, with a
 * limit of its own, autocomplete. In memory (a restart forgives); bounded in size. The
 * numbers are in budget.ts.
 */
import type { Clock } from '../contracts/clock';
import type { Invocation } from '../contracts/invocation';
import { CONVERSATION_FLOOD, USER_FLOOD, type FloodLimit } from '../contracts/budget';

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

  private window(key: string, now: number): number[] {
    const since = now - this.limit.windowMs;
    const times = (this.recent.get(key) ?? []).filter((t) => t > since);
    if (this.recent.has(key)) this.recent.set(key, times);
    return times;
  }
}

/** Both limits of an input: its user's and its conversation's. An input refused by either counts for neither. */
export class Flood {
  private readonly users: RateLimiter;
  private readonly conversations: RateLimiter;

  constructor(clock: Clock, user: RateLimit = USER_FLOOD, conversation: RateLimit = CONVERSATION_FLOOD) {
    this.users = new RateLimiter(clock, user);
    this.conversations = new RateLimiter(clock, conversation);
  }

  /** undefined when INVOCATION may go on (and counts); else who must wait and how long. */
  take(invocation: Invocation): { who: 'user' | 'conversation'; seconds: number } | undefined {
    const { scope, user } = invocation;
    const userKey = `${scope.platform}:${user.id}`;
    const conversationKey = [scope.platform, scope.workspace, scope.channel, scope.thread ?? ''].join(':');
    const userWait = this.users.wait(userKey);
    if (userWait > 0) return { who: 'user', seconds: userWait };
    const conversationWait = this.conversations.wait(conversationKey);
    if (conversationWait > 0) return { who: 'conversation', seconds: conversationWait };
    this.users.count(userKey);
    this.conversations.count(conversationKey);
    return undefined;
  }
}
