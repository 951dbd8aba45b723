/**
 * help, the bash builtin. Without a topic it lists what this machine can run (bash's own
 * list would name builtins that do not exist here); with a topic it prints the tool's
 * one-line summary, or bash's "no help topics match" message.
 */
import type { Io, System, Tool } from './tool';

/** bash 5.2's `help -d` lines for the builtins and compound commands of src/shell. */
const BUILTIN_SUMMARIES: Record<string, string> = {
  ':': 'Null command.',
  '[': 'Evaluate conditional expression.',
  '[[': 'Execute conditional command.',
  break: 'Exit for, while, or until loops.',
  case: 'Execute commands based on pattern matching.',
  cd: 'Change the shell working directory.',
  continue: 'Resume for, while, or until loops.',
  exit: 'Exit the shell.',
  export: 'Set export attribute for shell variables.',
  for: 'Execute commands for each member in a list.',
  function: 'Define shell function.',
  if: 'Execute commands based on conditional.',
  local: 'Define local variables.',
  pwd: 'Print the name of the current working directory.',
  read: 'Read a line from the standard input and split it into fields.',
  return: 'Return from a shell function.',
  shift: 'Shift positional parameters.',
  test: 'Evaluate conditional expression.',
  unset: 'Unset values and attributes of shell variables and functions.',
  until: 'Execute commands as long as a test does not succeed.',
  while: 'Execute commands as long as a test succeeds.',
};

export function main(argv: string[], io: Io, sys: System): number {
  const topics = argv.slice(1).filter((a) => a !== '-s' && a !== '-d' && a !== '--');
  const summaries = new Map<string, string>(Object.entries(BUILTIN_SUMMARIES));
  for (const [name, tool] of sys.programs) summaries.set(name, tool.summary ?? '');
  if (topics.length === 0) {
    const names = [...summaries.keys()].sort();
    const width = Math.max(...names.map((n) => n.length));
    io.out(
      'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n' +
        'Commands on this machine (shell builtins and programs). Type `help name\' for one of them.\n\n' +
        names.map((n) => ` ${n.padEnd(width)}  ${summaries.get(n)}\n`).join(''),
    );
    return 0;
  }
  let status = 0;
  for (const topic of topics) {
    const summary = summaries.get(topic);
    if (summary === undefined) {
      io.err(`help: no help topics match \`${topic}'.  Try \`help help' or \`man -k ${topic}' or \`info ${topic}'.\n`);
      status = 1;
      continue;
    }
    io.out(`${topic}: ${summary}\n`);
  }
  return status;
}

export const help: Tool = { name: 'help', main, summary: 'list the commands of this machine' };
