/**
 * What src/app hands a chat command to act with: the invocation, this conversation's
 * document (src/scope; every change inside one update), the machines' options, the clock,
 * the command list (for help) and the teaching features. A command does its own work with
 * these; the app only routes, checks access and flood limits, and turns failures into replies.
 */
import type { Invocation } from '../src/contracts/invocation';
import type { Clock } from '../src/contracts/clock';
import type { ChatCommand } from '../src/contracts/command';
import type { ScopeHandle } from '../src/scope/store';
import type { MachineOptions } from '../src/machine/machine';
import type { TeachingActions } from '../src/teaching/actions';

export interface CommandContext {
  readonly invocation: Invocation;
  /** The invocation's conversation: its machine, history and teaching state. */
  readonly scope: ScopeHandle;
  /** How every machine of this bot boots (clock, hostname). */
  readonly machine: MachineOptions & { hostname: string };
  readonly clock: Clock;
  /** Every command, in help order (commands/index.ts). */
  readonly commands: readonly Command[];
  /** /exercise and /quiz, and the exercise check after shell lines (src/teaching). */
  readonly teaching: TeachingActions;
}

/** A command of this bot: its declaration and what it does with a CommandContext. */
export type Command = ChatCommand<CommandContext>;
