/**
 * The platform-neutral bot, as adapters see it.
 */
import type { Invocation, Platform, Scope } from '../contracts/invocation';
import type { Reply } from '../contracts/reply';
import type { ChatCommand, Completion } from '../contracts/command';
import type { Announcer } from '../contracts/announcer';
import type { ClassView } from '../teaching/class-view';
import type { StoreHealth } from '../store/health';

export interface App {
  /** Every chat command, in help order (commands/index.ts). */
  readonly commands: readonly ChatCommand[];
  /** Run one invocation to its reply. Never throws: failures become a Reply with visibility 'user'. */
  handle(invocation: Invocation): Promise<Reply>;
  /**
   * Handle an invocation that comes from outside the chat (an instructor's action on the
   * dashboard) as handle does, with the same checks; then post its public answer in the
   * conversation through the platform's announcer, and open and claim the thread it asks
   * for, as the chat adapters do. The reply adds a warning when nothing could be posted.
   */
  perform?(invocation: Invocation): Promise<Reply>;
  /** Autocomplete suggestions from the scope's own machine, at most `limit`, starting with `prefix`. */
  complete(scope: Scope, source: Completion, prefix: string, limit: number): Promise<string[]>;
  /** The workspace's conversations that ever ran a command, oldest first (src/scope/conversations.ts). */
  conversations?(platform: Platform, workspace: string): Promise<Scope[]>;
  /** What the instructors' dashboard reads about a workspace (read-only). */
  readonly classView?: ClassView;
  /** How the app posts unprompted (a quiz revealed when its time is up); adapters call it once. */
  setAnnouncer?(announcer: Announcer): void;
  /**
   * True the first time any process of this store asks for NAME within TTL ms, false for
   * every repeat (a platform's redelivered event, across processes).
   */
  firstTime?(name: string, ttlMs: number): Promise<boolean>;
  /** The store's kind and one round trip's latency (/healthz, /modlab status). */
  health?(): Promise<StoreHealth>;
  /** Wait for in-flight invocations, then close the store. */
  close(): Promise<void>;
}
