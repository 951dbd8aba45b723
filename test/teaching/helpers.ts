import { strict as assert } from 'node:assert';
import type { App } from '../../src/app/app';
import { createApp } from '../../src/app/create-app';
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

/**
 * Call inside a describe block: a fresh app on the memory store for each of its tests, on a
 * test clock that moves 100 ms at every read (so the app runs its steps inline, no pool).
 */
export function appEachTest(): { readonly app: App } {
  let app: App | undefined;
  let now = Date.UTC(2026, 0, 5);
  beforeEach(async () => {
    app = await createApp({ store: 'memory', clock: () => (now += 100), quizTickMs: 0 });
  });
  afterEach(() => app?.close());
  return {
    get app(): App {
      if (!app) throw new Error('appEachTest: no test is running');
      return app;
    },
  };
}
