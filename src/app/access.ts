/**
 * Who may run what: a command's (or subcommand's) `access`, enforced here once for every
 * command before it runs (STYLE.md "Policy beside the command, enforced once").
 */
import type { Access, ChatCommand } from '../contracts/command';
import type { Invocation } from '../contracts/invocation';

/** The access a command invocation needs: the subcommand's when the text names one. */
export function requiredAccess(command: ChatCommand, invocation: Invocation): Access {
  const subs = command.data.subcommands;
  if (!subs || invocation.input.kind !== 'command') return command.data.access;
  const first = invocation.input.text.trim().split(/\s+/)[0] ?? '';
  return subs.find((s) => s.name === first)?.access ?? command.data.access;
}

export function mayRun(command: ChatCommand, invocation: Invocation): boolean {
  return requiredAccess(command, invocation) === 'everyone' || invocation.user.roles.includes('instructor');
}
