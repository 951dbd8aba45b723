/** The command reference, derived from commands/ (the single source). */
import type { ChatCommand } from '../src/contracts/command';

export function helpText(commands: readonly ChatCommand[], name?: string): string {
  if (name) {
    const command = commands.find((c) => c.data.name === name.replace(/^\//, ''));
    if (!command) return `No command /${name}. ${overview(commands)}`;
    return detail(command);
  }
  return overview(commands);
}

function overview(commands: readonly ChatCommand[]): string {
  const lines = commands.map((c) => `/${c.data.name.padEnd(9)} ${c.data.description}`);
  return [
    'Modlab: a shared Debian 12 / Linux 6.1 machine for this conversation.',
    'Commands:',
    ...lines,
    'Any shell line works through /sh (pipes, ;, &&, >, $(...)). /modlab help COMMAND explains one command.',
  ].join('\n');
}

function detail(command: ChatCommand): string {
  const lines = [`/${command.data.name}: ${command.data.description}`, `usage: ${command.data.usage}`];
  for (const option of command.data.options) {
    lines.push(`  ${option.name}${option.required ? '' : ' (optional)'}: ${option.description}`);
  }
  for (const sub of command.data.subcommands ?? []) {
    lines.push(`  /${command.data.name} ${sub.name}: ${sub.description}${sub.access === 'instructor' ? ' [instructors]' : ''}`);
  }
  return lines.join('\n');
}
