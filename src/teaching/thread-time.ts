/**
 * When a chat thread was created, read from its id: a Discord thread id is a snowflake
 * (milliseconds since the Discord epoch in its top 42 bits; a thread started on a message
 * has that message's id), a Slack thread is named by its parent message's ts ("seconds.micro").
 * An exercise waiting for its new thread uses it to leave alone threads older than itself.
 */
import type { Scope } from '../contracts/invocation';

const DISCORD_EPOCH_MS = 1420070400000n;

/** Milliseconds since 1970 when SCOPE's thread was created, or undefined when its id says nothing. */
export function threadCreatedAt(scope: Scope): number | undefined {
  const id = scope.thread;
  if (id === undefined) return undefined;
  if (scope.platform === 'discord' && /^\d{17,20}$/.test(id)) return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
  if (scope.platform === 'slack' && /^\d{9,10}\.\d{6}$/.test(id)) return Math.floor(Number(id) * 1000);
  return undefined;
}
