/**
 * A message stopped over its budget and the user's login session (issue 8 meets issue 9's
 * sessions): the ^C shows the prompt the stopped line ran at, and the session stays what it
 * was before the message, like everything else the message did.
 */
import { strict as assert } from 'node:assert';
import type { Scope, User } from '../../src/contracts/invocation';
import { silentLogger } from '../../src/contracts/logger';
import { MAX_DOCUMENT_BYTES } from '../../src/contracts/budget';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { ScopeStore } from '../../src/scope/store';
import { freshScopeState } from '../../src/scope/fresh';
import { MachinePool } from '../../src/app/sandbox/pool';
import { Sandbox } from '../../src/app/sandbox/sandbox';

const LAB: Scope = { platform: 'console', workspace: 'budget', channel: 'sessions' };
const ADA: User = { id: 'ada', name: 'ada', roles: ['student'] };
/** About a second of the tools' work (20 listings of the whole tree): far over this test's budget, however fast the host. */
const SLOW = 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do ls -lR / >/dev/null; done';
const WALL_MS = 300;

describe('a message stopped over its budget, in a login session', function () {
  this.timeout(20_000);
  let pool: MachinePool;
  let store: ScopeStore;
  let inline: Sandbox;
  let budgeted: Sandbox;
  before(async () => {
    store = new ScopeStore(new MemoryDocuments(), () => freshScopeState({ clock: Date.now, hostname: 'modlab' }));
    const options = { store, logger: silentLogger, hostname: 'modlab', clock: undefined, exercises: { exercises: [], problems: [] }, maxDocumentBytes: MAX_DOCUMENT_BYTES };
    pool = new MachinePool({ size: 1, wallMs: WALL_MS });
    inline = new Sandbox({ ...options, mode: 'inline' });
    budgeted = new Sandbox({ ...options, pool });
    // The worker boots and reads the shared boot log once, before the budget matters.
    await budgeted.run({ ...LAB, channel: 'warm-up' }, { kind: 'shell', lines: ['true'], user: ADA });
  });
  after(() => pool.close());

  it('shows ^C at the prompt of the line it stopped on, and keeps the session as it was before the message', async () => {
    await inline.run(LAB, { kind: 'shell', lines: ['cd /tmp'], user: ADA });
    const result = await budgeted.run(LAB, { kind: 'shell', lines: ['cd /var', SLOW], user: ADA });
    assert.deepEqual(result, {
      stopped: true,
      blocks: [
        { kind: 'terminal', user: 'ada', prompt: 'root@modlab:/var#', line: SLOW, output: '^C\n', exitCode: 130, keep: 'start' },
        { kind: 'notice', level: 'warning', text: 'Stopped after 0.3 s: one message may run for at most 0.3 s, so nothing it did was kept.' },
      ],
    });
    const state = await store.read(LAB);
    assert.equal(state.sessions?.ada?.shell.cwd, '/tmp');
    assert.deepEqual(state.history.map((e) => e.line), ['cd /tmp']);
  });
});
