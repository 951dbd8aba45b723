/**
 * What an adapter hands the app: who did what, where. Platform-neutral (DESIGN.md).
 */
export type Platform = 'console' | 'discord' | 'slack';

/** One conversation = one machine: a channel, or a thread in it. */
export interface Scope {
  platform: Platform;
  /** Discord guild id, Slack team id, "local" for the console. */
  workspace: string;
  channel: string;
  thread?: string;
}

export type Role = 'instructor' | 'student';

export interface User {
  id: string;
  /** Display name, shown in prompts and history. */
  name: string;
  roles: Role[];
}

/** A chat command: `/insmod hello.ko` → { command: 'insmod', args: ['hello.ko'], line: 'insmod hello.ko' }. */
export interface CommandInput {
  kind: 'command';
  command: string;
  /** Named options as the platform parsed them (Discord options), if any. */
  options?: Record<string, string | number | boolean>;
  /** The raw argument text after the command name ("" for none). */
  text: string;
}

/** A click on one of a Reply's choices. */
export interface ActionInput {
  kind: 'action';
  /** The Choice.id that was clicked. */
  id: string;
}

export interface Invocation {
  /** Unique per event, for logs and retry de-duplication. */
  id: string;
  scope: Scope;
  user: User;
  input: CommandInput | ActionInput;
}

/**
 * The thread-claim protocol, the same on every platform: when a Reply asks for a thread with
 * a claim (Reply.openThread), the adapter opens it and sends this invocation, the claim as
 * an action from the new THREAD by the user who asked, so the app learns exactly which
 * thread it got (an exercise's machine goes there) and answers there.
 */
export function threadClaim(origin: Invocation, thread: Scope, claim: string): Invocation {
  return { id: `${origin.id}:thread`, scope: thread, user: origin.user, input: { kind: 'action', id: claim } };
}

export function scopeKey(scope: Scope): string {
  const parts = [scope.platform, scope.workspace, scope.channel];
  if (scope.thread) parts.push(scope.thread);
  return parts.map(encodeURIComponent).join(':');
}
