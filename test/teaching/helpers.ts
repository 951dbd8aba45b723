import { strict as assert } from 'node:assert';
import type { App } from '../../src/app/app';
import type { Invocation, Role, Scope } from '../../src/contracts/invocation';
import type { Reply } from '../../src/contracts/reply';

let counter = 0;

export const LAB: Scope = { platform: 'console', workspace: 'school', channel: 'lab' };

export function as(user: string, roles: Role[], scope: Scope, command: string, text: string): Invocation {
  return { id: `tt${++counter}`, scope, user: { id: `id-${user}`, name: user, roles }, input: { kind: 'command', command, text } };
}

export function click(user: string, scope: Scope, id: string): Invocation {
  return { id: `tt${++counter}`, scope, user: { id: `id-${user}`, name: user, roles: ['student'] }, input: { kind: 'action', id } };
}

/** Every text of a reply (notices, text blocks, terminal outputs). */
export function textOf(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === 'terminal' ? b.output : b.text)).join('\n');
}

/** The instructor starts exercise ID in LAB: the conversation (the console's new one) it runs in. */
export async function startExercise(app: App, id: string): Promise<Scope> {
  const reply = await app.handle(as('prof', ['instructor'], LAB, 'exercise', `start ${id}`));
  const m = /Switch to it with :in (\S+)/.exec(textOf(reply));
  assert.ok(m, textOf(reply));
  return { ...LAB, channel: m[1] as string };
}
