/**
 * Which conversations a workspace has: one small side document per workspace listing the
 * scopes that ever ran a command, so that the terminal chat can list them (`:in`) and the
 * instructors' dashboard can show them. Keyv has no portable key listing, hence an index.
 * The bot writes a scope into it once per process (a cache stops the repeats), and the
 * list is bounded: the conversations used longest ago go first.
 */
import type { Platform, Scope } from '../contracts/invocation';
import { scopeKey } from '../contracts/invocation';
import type { ScopeStore } from './store';
import type { Clock } from '../contracts/clock';

/** Conversations listed per workspace (a large class has a few dozen threads a week). */
export const MAX_CONVERSATIONS = 500;
/** Scopes this process already wrote into an index, before it forgets and writes again. */
const SEEN_CACHE = 5000;

export interface ConversationEntry {
  scope: Scope;
  /** When the index first saw it (ms since the epoch). */
  firstAt: number;
}

/** How a conversation is named to people: its channel, and its thread when it is one. */
export function conversationName(scope: Scope): string {
  return scope.thread ? `${scope.channel}/${scope.thread}` : scope.channel;
}

export function conversationsKey(platform: Platform, workspace: string): string {
  return `*conversations:${platform}:${encodeURIComponent(workspace)}`;
}

function isScope(value: unknown): value is Scope {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.platform === 'string' && typeof s.workspace === 'string' && typeof s.channel === 'string' && (s.thread === undefined || typeof s.thread === 'string');
}

/** The entries of a stored index; whatever does not look like one is dropped, never thrown on. */
export function conversationEntries(doc: unknown): ConversationEntry[] {
  const list = (doc as { conversations?: unknown } | undefined)?.conversations;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is ConversationEntry => typeof e === 'object' && e !== null && isScope((e as ConversationEntry).scope) && typeof (e as ConversationEntry).firstAt === 'number');
}

export function withConversation(entries: ConversationEntry[], scope: Scope, now: number): ConversationEntry[] {
  const key = scopeKey(scope);
  if (entries.some((e) => scopeKey(e.scope) === key)) return entries;
  const next = [...entries, { scope: { ...scope }, firstAt: now }];
  return next.slice(Math.max(0, next.length - MAX_CONVERSATIONS));
}

export class ConversationIndex {
  private readonly seen = new Set<string>();

  constructor(private readonly store: ScopeStore, private readonly clock: Clock) {}

  async note(scope: Scope): Promise<void> {
    const key = scopeKey(scope);
    if (this.seen.has(key)) return;
    await this.store.updateDocument(conversationsKey(scope.platform, scope.workspace), (doc) => ({
      doc: { conversations: withConversation(conversationEntries(doc), scope, this.clock()) },
      result: undefined,
    }));
    if (this.seen.size >= SEEN_CACHE) this.seen.clear();
    this.seen.add(key);
  }

  async list(platform: Platform, workspace: string): Promise<ConversationEntry[]> {
    return conversationEntries(await this.store.readDocument(conversationsKey(platform, workspace)));
  }
}
