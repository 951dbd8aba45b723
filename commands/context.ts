/**
 * What src/app hands a chat command to act with: the invocation, this conversation's
 * document (src/scope; every change inside one update), its machine step under the
 * message's budget, the workspace's snapshots, the machines' options, the clock, the log, the
 * command list (for help), the teaching features and the class view (the dashboard's
 * read-only picture of the workspace). A command does its own work with
 * these; the app only routes, checks access and flood limits, and turns failures into replies.
 */
import type { Invocation } from '../src/contracts/invocation';
import type { Clock } from '../src/contracts/clock';
import type { ChatCommand } from '../src/contracts/command';
import type { ScopeHandle } from '../src/scope/store';
import type { StepRunner } from '../src/scope/step';
import type { MachineOptions } from '../src/machine/machine';
import type { TeachingActions } from '../src/teaching/actions';
import type { Logger } from '../src/contracts/logger';
import type { SnapshotShelf } from '../src/scope/snapshots';
import type { ClassView } from '../src/teaching/class-view';
import type { OffThread } from '../src/teaching/off-thread';

export interface CommandContext {
  readonly invocation: Invocation;
  /** The invocation's conversation: its machine, history and teaching state. */
  readonly scope: ScopeHandle;
  /**
   * Run a machine step on the conversation's machine (shell lines, a reboot) under the
   * message's time and memory budget, off the main thread, and commit it (src/app's pool).
   * Machine work goes through here, never through scope.update.
   */
  readonly step: StepRunner;
  /** Heavy work besides the step (drawing the module graph), off the main thread under its own budget (src/app's pool). */
  readonly offThread: OffThread;
  /** How every machine of this bot boots (clock, hostname). */
  readonly machine: MachineOptions & { hostname: string };
  readonly clock: Clock;
  /** Every command, in help order (commands/index.ts). */
  readonly commands: readonly Command[];
  /** /exercise and /quiz (src/teaching). */
  readonly teaching: TeachingActions;
  /** The invocation's workspace's named machines (/modlab snapshot, /modlab reboot NAME). */
  readonly snapshots: SnapshotShelf;
  /** The workspace's conversations, exercises and scores, read-only (src/teaching/class-view.ts). */
  readonly classView: ClassView;
  /** Where a command reports what went wrong without failing (a picture that cannot be drawn). */
  readonly logger: Logger;
  /** The instructors' dashboard: its public address and the secret that signs sign-in links; absent when not configured. */
  readonly dashboard?: { url: string; secret: string };
}

/** A command of this bot: its declaration and what it does with a CommandContext. */
export type Command = ChatCommand<CommandContext>;
