/**
 * What a chat command may do, given by src/app. Every change to a scope goes through
 * store.update inside these functions, so commands never touch the store themselves.
 */
import type { Invocation } from './invocation';
import type { Reply } from './reply';
import type { TeachingActions } from '../teaching/actions';

export interface CommandContext {
  /** Run a shell line on the invocation's machine; the Reply is its terminal block. */
  shell(line: string): Promise<Reply>;
  /**
   * Replace the scope's machine by a freshly booted one (optional extra kernel command line),
   * or by the workspace's snapshot when the argument is one word naming a saved snapshot.
   */
  reboot(cmdline: string): Promise<Reply>;
  /** A summary of the scope's machine and who used it. */
  status(): Promise<Reply>;
  /** The scope's module graph as a picture, with a text tree where pictures cannot go. */
  graph(): Promise<Reply>;
  /** The workspace's conversations that run an exercise, newest activity first. */
  exerciseThreads(): Promise<Array<{ conversation: string; exercise: string; state: 'open' | 'done' | 'stopped'; contributors: string[] }>>;
  /** A one-time sign-in link to the workspace's dashboard, for the invoking instructor alone. */
  dashboard(): Reply;
  /** Save the scope's machine as the workspace's snapshot NAME, or list the snapshots. */
  snapshot(action: 'save' | 'list', name?: string): Promise<Reply>;
  /** The command reference (all commands, or one). */
  help(command?: string): Reply;
  readonly invocation: Invocation;
  /** /exercise and /quiz (src/teaching). */
  readonly teaching: TeachingActions;
}
