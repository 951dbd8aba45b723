/**
 * Most chat commands are one tool of the simulated machine: `/insmod file:hello.ko` is the
 * shell line `insmod hello.ko`. This builds such a command from its declaration, so each
 * commands/<tool>.ts is only data.
 */
import type { CommandData, OptionData } from '../src/contracts/command';
import type { Command } from './context';
import { runShell } from './sh';
import type { Invocation } from '../src/contracts/invocation';

export interface ToolCommandSpec {
  data: Omit<CommandData, 'access' | 'options'> & { options: OptionData[] };
  /** Option names in the order their values join the shell line (Discord wants required options first). */
  lineOrder: string[];
}

/** The shell line an invocation of a tool command stands for. */
export function toolLine(name: string, lineOrder: readonly string[], invocation: Invocation): string {
  if (invocation.input.kind !== 'command') return name;
  const { text, options } = invocation.input;
  if (text.trim() !== '') return `${name} ${text.trim()}`;
  const words = lineOrder
    .map((option) => options?.[option])
    .filter((value): value is string | number | boolean => value !== undefined && String(value).trim() !== '')
    .map((value) => String(value).trim());
  return [name, ...words].join(' ');
}

export function toolCommand(spec: ToolCommandSpec): Command {
  const data: CommandData = { ...spec.data, access: 'everyone' };
  return {
    data,
    run: (invocation, ctx) => runShell(ctx, toolLine(data.name, spec.lineOrder, invocation)),
  };
}
