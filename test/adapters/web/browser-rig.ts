/**
 * What the dashboard's browser tests stand on: an app with the dashboard on a free port of
 * 127.0.0.1, and playwright-core driving Debian's chromium (headless) with the flags this
 * closed network needs. Screenshots go to test/artifacts/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../../src/app/create-app';
import type { App } from '../../../src/app/app';
import type { Invocation, Scope } from '../../../src/contracts/invocation';
import type { Reply } from '../../../src/contracts/reply';
import { createDashboard } from '../../../adapters/web/server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../../../test/artifacts');
export const SECRET = 'a-test-secret-of-enough-length';

export interface Rig {
  app: App;
  web: FastifyInstance;
  /** The dashboard's own address; the app's links name http://placeholder (see `here`). */
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** Whether this machine has the browser; the tests skip without it. */
export function haveChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** The app (given `prepare` before the dashboard starts), the dashboard, and a browser page. */
export async function startRig(prepare: (app: App) => void = () => undefined): Promise<Rig> {
  const app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false, dashboard: { url: 'http://placeholder', secret: SECRET } });
  prepare(app);
  const web = createDashboard({ app, secret: SECRET, clock: Date.now, pollMs: 200 });
  await web.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // launch() gives the browser a fresh temporary profile (its own --user-data-dir).
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ acceptDownloads: true });
  return { app, web, base, browser, context, page: await context.newPage() };
}

export async function stopRig(rig: Partial<Rig>): Promise<void> {
  await rig.browser?.close();
  await rig.web?.close();
  await rig.app?.close();
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
}

let counter = 0;
/** A slash command as a chat adapter hands it to the app. */
export function invocation(scope: Scope, command: string, text: string, instructor = false, name = 'alice'): Invocation {
  return { id: `b${++counter}`, scope, user: { id: name, name, roles: instructor ? ['instructor'] : ['student'] }, input: { kind: 'command', command, text } };
}

export function replyText(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === 'terminal' ? b.output : b.text)).join('\n');
}
