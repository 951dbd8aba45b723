import type { Invocation, Role, Scope } from '../../src/contracts/invocation';
import type { Reply, TerminalBlock } from '../../src/contracts/reply';

let counter = 0;

export const CHANNEL: Scope = { platform: 'console', workspace: 'test', channel: 'lab' };

export function say(line: string, user = 'alice', roles: Role[] = ['student'], scope: Scope = CHANNEL): Invocation {
  return { id: `t${++counter}`, scope, user: { id: user, name: user, roles }, input: { kind: 'command', command: 'sh', text: line } };
}

export function slash(command: string, text: string, user = 'alice', roles: Role[] = ['student'], scope: Scope = CHANNEL): Invocation {
  return { id: `t${++counter}`, scope, user: { id: user, name: user, roles }, input: { kind: 'command', command, text } };
}

export function terminals(reply: Reply): TerminalBlock[] {
  return reply.blocks.filter((b): b is TerminalBlock => b.kind === 'terminal');
}

export function output(reply: Reply): string {
  return terminals(reply).map((b) => b.output).join('');
}

export function noticeText(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === 'notice' || b.kind === 'text' ? b.text : '')).join('\n');
}
