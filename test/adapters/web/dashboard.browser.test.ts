/**
 * The instructors' dashboard in a real browser: playwright-core driving Debian's chromium
 * (headless). Sign in with the link /modlab dashboard gives, watch a conversation appear and
 * change while the app handles commands, export CSV, reboot from the page, and refuse an
 * expired, forged or reused link. Screenshots go to test/artifacts/ (git-ignored).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { App } from '../../../src/app/app';
import type { Scope } from '../../../src/contracts/invocation';
import { signGrant } from '../../../src/teaching/dashboard-link';
import { SECRET, haveChromium, invocation, replyText, shot as shotOf, startRig, stopRig, type Rig } from './browser-rig';

const LAB: Scope = { platform: 'discord', workspace: 'G1', channel: 'lab' };
const TEAM2: Scope = { ...LAB, channel: 'team2' };
const OTHER: Scope = { platform: 'discord', workspace: 'G2', channel: 'secret' };

describe('dashboard in a real browser (playwright-core + chromium)', function () {
  this.timeout(90_000);
  let app: App;
  let web: FastifyInstance;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function link(scope = LAB): Promise<string> {
    const reply = await app.handle(invocation(scope, 'modlab', 'dashboard', true, 'prof'));
    assert.equal(reply.visibility, 'user', 'the link is for the instructor alone');
    const url = /(http:\/\/\S+\/dashboard\/login\?token=\S+)/.exec(replyText(reply))?.[1];
    assert.ok(url, replyText(reply));
    return url;
  }

  const shot = (name: string): Promise<void> => shotOf(page, name);

  let rig: Rig | undefined;
  before(async function () {
    if (!haveChromium()) this.skip();
    rig = await startRig();
    // The app was configured before the port was known: links name the placeholder host.
    ({ app, web, base, browser, context, page } = rig);
  });

  after(async () => stopRig(rig ?? {}));

  const here = (url: string): string => url.replace('http://placeholder', base);

  it('refuses the pages without a session', async () => {
    const response = await page.goto(`${base}/dashboard`);
    assert.equal(response?.status(), 401);
    assert.match(await page.textContent('#refused') ?? '', /^Not signed in\. Ask for a link with \/modlab dashboard/);
  });

  it('refuses /modlab dashboard to a student', async () => {
    assert.equal(replyText(await app.handle(invocation(LAB, 'modlab', 'dashboard'))), 'Only instructors may run /modlab dashboard.');
  });

  it('refuses a forged and an expired link', async () => {
    const good = here(await link());
    const forged = good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA');
    assert.equal((await page.goto(forged))?.status(), 403);
    assert.equal(await page.textContent('#refused'), 'This sign-in link is not valid.');
    const otherKey = signGrant('another-secret-of-enough-length', { kind: 'link', platform: 'discord', workspace: 'G1', by: 'eve', exp: Date.now() + 60_000 });
    assert.equal((await page.goto(`${base}/dashboard/login?token=${otherKey}`))?.status(), 403);
    const expired = signGrant(SECRET, { kind: 'link', platform: 'discord', workspace: 'G1', by: 'prof', exp: Date.now() - 1 });
    assert.equal((await page.goto(`${base}/dashboard/login?token=${expired}`))?.status(), 403);
    assert.equal(await page.textContent('#refused'), 'This sign-in link has expired. Ask for a new one with /modlab dashboard.');
    // A session cookie is not a sign-in link, and the other way round.
    const session = signGrant(SECRET, { kind: 'session', platform: 'discord', workspace: 'G1', by: 'prof', exp: Date.now() + 60_000 });
    assert.equal((await page.goto(`${base}/dashboard/login?token=${session}`))?.status(), 403);
    assert.equal((await context.cookies()).length, 0);
    await shot('refused');
  });

  it('signs in with the link (once), with a secure http-only cookie, and shows conversations as the class works', async () => {
    const url = here(await link());
    await page.goto(url);
    assert.equal(new URL(page.url()).pathname, '/dashboard');
    const [cookie] = await context.cookies();
    assert.equal(cookie?.name, 'modlab_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.secure, true);
    assert.equal(cookie?.sameSite, 'Lax');
    // (prof's /modlab dashboard ran in lab: it is listed already.)
    await page.waitForSelector('#conversations tr[data-key="discord:G1:lab"]');
    assert.equal(await page.textContent('#conversations tr[data-key="discord:G1:lab"] td.modules'), 'none');

    // While the page is open, the class works: it updates by itself (server-sent events).
    await app.handle(invocation(TEAM2, 'sh', 'modprobe vfat', false, 'bob'));
    await page.waitForSelector('#conversations tr[data-key="discord:G1:team2"]', { timeout: 10_000 });
    assert.equal(await page.textContent('#conversations tr[data-key="discord:G1:team2"] td.modules'), 'vfat, fat');
    await app.handle(invocation(TEAM2, 'sh', 'insmod hello.ko', false, 'carol'));
    await page.waitForFunction(`document.querySelector('#conversations tr[data-key="discord:G1:team2"] td.modules')?.textContent === 'hello, vfat, fat'`, undefined, { timeout: 10_000 });
    assert.match(await page.textContent('#conversations tr[data-key="discord:G1:team2"]') ?? '', /carol: insmod hello\.ko/);
    // Another workspace's conversation never shows.
    await app.handle(invocation(OTHER, 'sh', 'modprobe dummy', false, 'mallory'));
    await page.waitForTimeout(600);
    assert.equal(await page.locator('#conversations tr[data-key^="discord:G2"]').count(), 0);
    await shot('conversations');

    // The link worked once.
    const again = await (await browser.newContext()).newPage();
    assert.equal((await again.goto(url))?.status(), 403);
    assert.equal(await again.textContent('#refused'), 'This sign-in link was already used. Ask for a new one with /modlab dashboard.');
  });

  it('shows a conversation: its graph picture, history and dmesg; exports its machine as JSON', async () => {
    await page.goto(`${base}/dashboard/c/${encodeURIComponent('discord:G1:team2')}`);
    assert.equal(await page.textContent('h1'), 'Conversation team2');
    await page.waitForFunction(`(document.querySelector('img')?.naturalWidth ?? 0) > 0`, undefined, { timeout: 15_000 });
    const width = Number(await page.evaluate(`document.querySelector('img').naturalWidth`));
    assert.ok(width > 300, `picture ${width} px wide`);
    const pre = await page.locator('pre').allTextContents();
    assert.match(pre[0] ?? '', /bob: modprobe vfat\n.*carol: insmod hello\.ko$/);
    assert.match(pre[1] ?? '', /hello: loading out-of-tree module taints kernel\./);
    await shot('conversation');
    const json = await page.request.get(`${base}/dashboard/c/${encodeURIComponent('discord:G1:team2')}/machine.json`);
    const machine = (await json.json()) as { conversation: string; modules: string[]; machine: { kernel: { tainted: number } } };
    assert.equal(machine.conversation, 'team2');
    assert.deepEqual(machine.modules, ['hello', 'vfat', 'fat']);
    assert.equal(machine.machine.kernel.tainted, 12288);
    // A key of another workspace is not found, even signed in.
    assert.equal((await page.goto(`${base}/dashboard/c/${encodeURIComponent('discord:G2:secret')}`))?.status(), 404);
  });

  it('reboots a conversation from the page through the chat command\'s path', async () => {
    await page.goto(`${base}/dashboard/c/${encodeURIComponent('discord:G1:team2')}`);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    assert.equal(response?.status(), 200);
    assert.equal(replyText(await app.handle(invocation(TEAM2, 'sh', 'lsmod'))), 'Module                  Size  Used by\n');
    assert.match((await page.locator('pre').allTextContents())[0] ?? '', /prof: \/modlab reboot$/);
  });

  it('exports the quiz scores as CSV (a download)', async () => {
    const quiz = await app.handle(invocation(LAB, 'quiz', 'taint seed=3', true, 'prof'));
    const first = quiz.choices?.[0]?.id;
    assert.ok(first, replyText(quiz));
    await app.handle({ ...invocation(LAB, 'quiz', '', false, 'alice'), input: { kind: 'action', id: first } });
    // The conversation's page shows who answered what, not the answer, until the reveal there.
    await page.goto(`${base}/dashboard/c/${encodeURIComponent('discord:G1:lab')}`);
    assert.match(await page.textContent('h2:has-text("Quiz")') ?? '', /^Quiz \(taint\), open$/);
    assert.equal(await page.textContent('#quiz-answers'), 'alice: A');
    const [revealed] = await Promise.all([page.waitForNavigation(), page.click('#reveal')]);
    assert.equal(revealed?.status(), 200);
    assert.match(await page.textContent('h2:has-text("Quiz")') ?? '', /^Quiz \(taint\), revealed; the answer was [A-E]$/);
    assert.match(await page.textContent('#quiz-answers') ?? '', /^alice: A (right|wrong)$/);
    await page.goto(`${base}/dashboard/scores`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/dashboard/scores.csv"]')]);
    const path = await download.path();
    assert.equal(download.suggestedFilename(), 'modlab-scores.csv');
    const lines = readFileSync(path, 'utf8').split('\r\n');
    assert.equal(lines[0], 'student,right,answered');
    assert.match(lines[1] ?? '', /^alice,[01],1$/);
    assert.match(await page.textContent('#scores') ?? '', /alice/);
    await shot('scores');
  });
});
