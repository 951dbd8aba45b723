/**
 * How the app speaks unprompted (a quiz revealed when its time is up): adapters implement
 * it and hand it to App.setAnnouncer. Discord posts to the scope's channel or thread, Slack
 * with chat.postMessage (thread_ts for a thread), the console prints it.
 */
import type { Scope } from '../app/invocation';
import type { Reply } from '../app/reply';

export interface Announcer {
  /** Post REPLY to the conversation SCOPE names (visibility 'channel'). */
  post(scope: Scope, reply: Reply): Promise<void>;
}
