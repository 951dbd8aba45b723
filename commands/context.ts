/**
 * What src/app hands a chat command to act with: the invocation, this conversation's
 * document (src/scope; every change inside one update), its machine step under the
 * message's budget, the machines' options, the clock, the command list (for help) and the
 * teaching features. A command does its own work with
 * these; the app only routes, checks access and flood limits, and turns failures into replies.
 */
import type { Invocation } from '../src/contracts/invocation';
import type { Clock } from '../src/contracts/clock';
import type { ChatCommand } from '../src/contracts/command';
import type { ScopeHandle } from '../src/scope/store';
import type { StepRunner } from '../src/scope/step';
import type { MachineOptions } from '../src/machine/machine';
import type { TeachingActions } from '../src/teaching/actions';

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
  /** How every machine of this bot boots (clock, hostname). */
  readonly machine: MachineOptions & { hostname: string };
  readonly clock: Clock;
  /** Every command, in help order (commands/index.ts). */
  readonly commands: readonly Command[];
  /** /exercise and /quiz (src/teaching). */
  readonly teaching: TeachingActions;
}

/** A command of this bot: its declaration and what it does with a CommandContext. */
export type Command = ChatCommand<CommandContext>;
