/**
 * How the app speaks unprompted (a quiz revealed when its time is up): adapters implement
 * it and hand it to App.setAnnouncer. Discord posts to the scope's channel or thread, Slack
 * with chat.postMessage (thread_ts for a thread), the console prints it.
 */
import type { Platform, Scope } from './invocation';
import type { Reply } from './reply';

export interface Announcer {
  /**
   * The platform whose conversations it can post to. Several adapters run at once (Discord
   * and Slack), each announcing only its own scopes; without a platform it takes any scope
   * no platform's announcer claims.
   */
  readonly platform?: Platform;
  /**
   * Post REPLY to the conversation SCOPE names (visibility 'channel'). When REPLY asks for a
   * thread (openThread) and SCOPE is a channel, the thread is opened on the posted message
   * (Discord thread, Slack parent message) and its scope returned, for the app to claim.
   */
  post(scope: Scope, reply: Reply): Promise<Scope | void>;
}
