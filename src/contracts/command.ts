/**
 * A chat command, declared once (STYLE.md "Chat commands as data"). `data` is plain data:
 * adapters/discord registers it, adapters/slack writes the manifest from it, and /help and
 * the console print it. src/app enforces `access` (and flood limits) before calling `run`.
 */
import type { Invocation } from './invocation';
import type { Reply } from './reply';

/** Where an option's autocomplete suggestions come from (the scope's own machine). */
export type Completion = 'module-files' | 'loaded-modules' | 'catalog-modules' | 'exercises' | 'quiz-topics';

export interface OptionData {
  /** 1–32 characters, lowercase [a-z0-9_-] (Discord's rule). */
  name: string;
  /** 1–100 characters. */
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  autocomplete?: Completion;
  choices?: Array<{ name: string; value: string }>;
  /** Paragraph input (Discord modal), for multi-line shell scripts. */
  multiline?: boolean;
}

export type Access = 'everyone' | 'instructor';

export interface SubcommandData {
  name: string;
  description: string;
  options: OptionData[];
  access: Access;
}

export interface CommandData {
  name: string;
  description: string;
  /** Options of a command without subcommands, in the order they join into the shell line. */
  options: OptionData[];
  /** `/modlab status`, `/modlab reboot` … (then `options` is empty). */
  subcommands?: SubcommandData[];
  access: Access;
  /** Usage shown in help, e.g. "insmod FILE [PARAM=VALUE …]". */
  usage: string;
  /**
   * Not a program of the machine (`/edit`): where chat text is a shell line unless its first
   * word names a chat command (Slack mentions), this word runs the command.
   */
  chatOnly?: boolean;
}

/**
 * CONTEXT is what the app hands a command to act with (commands/context.ts); adapters see
 * only `data`, so they name no context.
 */
export interface ChatCommand<Context = unknown> {
  data: CommandData;
  run(invocation: Invocation, ctx: Context): Promise<Reply>;
}
