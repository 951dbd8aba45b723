/**
 * A sign-in link works once across every bot process on one store: its nonce is kept in the
 * store (with an expiry), so a second process refuses a link the first one took.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../../src/app/create-app';
import type { App } from '../../../src/app/app';
import { createDashboard } from '../../../adapters/web/server';
import { LINK_TTL_MS, signGrant } from '../../../src/teaching/dashboard-link';

const SECRET = 'a-test-secret-of-enough-length';

describe('dashboard sign-in links across processes', () => {
  let apps: App[] = [];
  let webs: FastifyInstance[] = [];

  beforeEach(async () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'modlab-nonce-')), 'modlab.db')}`;
    // Two bot processes on one shared store, each with its own dashboard.
    apps = [await createApp({ store, quizTickMs: 0, sandbox: 'inline' }), await createApp({ store, quizTickMs: 0, sandbox: 'inline' })];
    webs = apps.map((app) => createDashboard({ app, secret: SECRET, clock: Date.now }));
  });
  afterEach(async () => {
    for (const web of webs) await web.close();
    for (const app of apps) await app.close();
  });

  const login = (web: FastifyInstance, token: string): Promise<LightMyRequestResponse> => web.inject({ method: 'GET', url: `/dashboard/login?token=${token}` });

  it('lets a link in once: the second process refuses it, and so does the first', async () => {
    const token = signGrant(SECRET, { kind: 'link', platform: 'slack', workspace: 'T1', by: 'prof', exp: Date.now() + LINK_TTL_MS });
    const [one, two] = webs as [FastifyInstance, FastifyInstance];
    const first = await login(one, token);
    assert.equal(first.statusCode, 303);
    assert.match(String(first.headers['set-cookie']), /^modlab_session=/);
    for (const web of [two, one]) {
      const again = await login(web, token);
      assert.equal(again.statusCode, 403);
      assert.match(again.body, /This sign-in link was already used\./);
      assert.equal(again.headers['set-cookie'], undefined);
    }
  });

  it('lets in each of two links once, whichever process they reach first', async () => {
    const links = [1, 2].map(() => signGrant(SECRET, { kind: 'link', platform: 'slack', workspace: 'T1', by: 'prof', exp: Date.now() + LINK_TTL_MS }));
    const [one, two] = webs as [FastifyInstance, FastifyInstance];
    const results = await Promise.all([login(one, links[0] as string), login(two, links[0] as string), login(two, links[1] as string), login(one, links[1] as string)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 303, 403, 403]);
  });
});
