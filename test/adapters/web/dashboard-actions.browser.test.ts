/**
 * The dashboard's instructor actions in a real browser (playwright-core + Debian's chromium):
 * start an exercise in a channel (posted there, its thread opened and claimed, as the chat
 * command does), reset a thread's exercise, and every quiz of a conversation per question
 * and per student, on the page and in quizzes.csv. Screenshots go to test/artifacts/.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { App } from '../../../src/app/app';
import type { Scope } from '../../../src/contracts/invocation';
import type { Reply } from '../../../src/contracts/reply';
import { scopeKey } from '../../../src/contracts/invocation';
import { haveChromium, invocation, replyText, shot as shotOf, startRig, stopRig, type Rig } from './browser-rig';

const LAB: Scope = { platform: 'discord', workspace: 'G1', channel: 'lab' };
const THREAD: Scope = { ...LAB, thread: 'T-1' };

describe('dashboard actions in a real browser: start, reset, quiz history', function () {
  this.timeout(90_000);
  let app: App;
  let base = '';
  let rig: Rig | undefined;
  let page: Page;
  /** What the (fake) Discord adapter was asked to post, and where. */
  const posted: Array<{ where: string; text: string }> = [];

  const shot = (name: string): Promise<void> => shotOf(page, name);

  before(async function () {
    if (!haveChromium()) this.skip();
    // The Discord adapter's announcer, faked: it opens thread T-1 on a message that asks for one.
    rig = await startRig((made) =>
      made.setAnnouncer?.({
        platform: 'discord',
        post: async (scope, reply) => {
          posted.push({ where: scopeKey(scope), text: replyText(reply) });
          return reply.openThread && !scope.thread ? THREAD : undefined;
        },
      }),
    );
    ({ app, base, page } = rig);
    const link = /(http:\/\/\S+\/dashboard\/login\?token=\S+)/.exec(replyText(await app.handle(invocation(LAB, 'modlab', 'dashboard', true, 'prof'))))?.[1];
    assert.ok(link);
    await page.goto(link.replace('http://placeholder', base));
  });

  after(async () => stopRig(rig ?? {}));

  it('starts an exercise in a channel: posted there, in a thread of its own that gets the exercise\'s machine', async () => {
    await page.goto(`${base}/dashboard`);
    await page.selectOption('#start-exercise select[name=exercise]', 'rmmod-in-use');
    await page.selectOption('#start-exercise select[name=channel]', 'discord:G1:lab');
    await shot('start-form');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#start-exercise button[type=submit]')]);
    assert.equal(response?.status(), 200);
    assert.match(await page.textContent('#outcome') ?? '', /^prof started the exercise "rmmod and "in use""\. It runs in this thread, on a machine of its own\./);
    assert.deepEqual(posted.map((p) => p.where), ['discord:G1:lab', 'discord:G1:lab:T-1']);
    assert.match(posted[0]?.text ?? '', /^prof started the exercise/);
    assert.equal(posted[1]?.text, 'This thread runs the exercise "rmmod and "in use"" on a freshly booted machine of its own.');
    await shot('started');
    // The class works in the thread; the overview follows it live.
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector('#conversations tr[data-key="discord:G1:lab:T-1"]', { timeout: 10_000 });
    assert.equal(replyText(await app.handle(invocation(THREAD, 'sh', 'rmmod mod_a', false, 'alice'))), '');
    assert.match(replyText(await app.handle(invocation(THREAD, 'sh', 'rmmod mod_b', false, 'bob'))), /Exercise solved/);
    await page.waitForFunction(`document.querySelector('#conversations tr[data-key="discord:G1:lab:T-1"]')?.textContent.includes('(solved)')`, undefined, { timeout: 10_000 });
  });

  it('refuses to start an exercise the bot does not offer, or in a channel of no conversation', async () => {
    const refused = await page.request.post(`${base}/dashboard/start`, { form: { exercise: 'no-such', channel: 'discord:G1:lab' } });
    assert.equal(refused.status(), 409);
    assert.match(await refused.text(), /No exercise named &quot;no-such&quot;\. See \/exercise list\./);
    const nowhere = await page.request.post(`${base}/dashboard/start`, { form: { exercise: 'modinfo', channel: 'discord:G2:lab' } });
    assert.equal(nowhere.status(), 404);
    // A thread is not a channel to start one in.
    assert.equal((await page.request.post(`${base}/dashboard/start`, { form: { exercise: 'modinfo', channel: 'discord:G1:lab:T-1' } })).status(), 404);
  });

  it('resets a thread\'s exercise from its page, telling the class there', async () => {
    await page.goto(`${base}/dashboard/c/${encodeURIComponent('discord:G1:lab:T-1')}`);
    posted.length = 0;
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#reset-exercise')]);
    assert.equal(response?.status(), 200);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]?.where, 'discord:G1:lab:T-1');
    assert.match(posted[0]?.text ?? '', /^prof reset the exercise "rmmod and "in use"": a freshly booted machine again, hints and contributions back to none\./);
    assert.match(replyText(await app.handle(invocation(THREAD, 'exercise', 'status'))), /, in progress; started by prof\./);
    assert.equal(replyText(await app.handle(invocation(THREAD, 'sh', 'lsmod | wc -l'))), '3\n');
    await shot('reset');
    // exercises.csv: the thread's exercise open again, its new contributor, one restart.
    const exported = await page.request.get(`${base}/dashboard/exercises.csv`);
    assert.equal(exported.headers()['content-disposition'], 'attachment; filename="modlab-exercises.csv"');
    assert.deepEqual((await exported.text()).trimEnd().split('\r\n'), ['conversation,exercise,state,started_by,contributor,commands,restarts', 'lab/T-1,rmmod-in-use,open,prof,alice,1,1']);
    await page.goto(`${base}/dashboard`);
    assert.match(await page.textContent('#conversations tr[data-key="discord:G1:lab:T-1"]') ?? '', /\(open, restarted 1×\)/);
  });

  it('shows every quiz of a conversation per question and per student, and exports them as quizzes.csv', async () => {
    const answer = async (reply: Reply, who: string, choice: number): Promise<void> => {
      const id = reply.choices?.[choice]?.id;
      assert.ok(id, replyText(reply));
      await app.handle({ ...invocation(LAB, 'quiz', '', false, who), input: { kind: 'action', id } });
    };
    const first = await app.handle(invocation(LAB, 'quiz', 'taint seed=3', true, 'prof'));
    await answer(first, 'alice', 0);
    await answer(first, 'bob', 1);
    await app.handle(invocation(LAB, 'quiz', 'reveal', true, 'prof'));
    const second = await app.handle(invocation(LAB, 'quiz', 'rmmod seed=5', true, 'prof'));
    await answer(second, 'alice', 1);
    await app.handle(invocation(LAB, 'quiz', 'reveal', true, 'prof'));
    const third = await app.handle(invocation(LAB, 'quiz', 'lsmod seed=7', true, 'prof'));
    await answer(third, 'carol', 2);

    await page.goto(`${base}/dashboard/c/${encodeURIComponent('discord:G1:lab')}`);
    const questions = await page.locator('#quizzes-questions tbody tr').allTextContents();
    assert.equal(questions.length, 3);
    assert.match(questions[0] ?? '', /^Q1taint.*seed 3[A-E] · [0-2] of 2 right$/s);
    assert.match(questions[1] ?? '', /^Q2rmmod.*seed 5[A-E] · [01] of 1 right$/s);
    assert.match(questions[2] ?? '', /^Q3lsmod.*seed 7open · 1 answered$/s);
    const students = await page.locator('#quizzes-students tbody tr').allTextContents();
    assert.equal(students.length, 3);
    assert.match(students[0] ?? '', /^aliceA [✓✗]B [✓✗]–[0-2] of 2$/);
    assert.match(students[1] ?? '', /^bobB [✓✗]––[01] of 1$/);
    // The open quiz shows carol's answer but not whether it is right.
    assert.equal(students[2], 'carol––C0 of 0');
    await shot('quiz-history');

    await page.goto(`${base}/dashboard/scores`);
    assert.equal(await page.locator('#quiz-results h3').allTextContents().then((h) => h.join(',')), 'lab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/dashboard/quizzes.csv"]')]);
    assert.equal(download.suggestedFilename(), 'modlab-quizzes.csv');
    const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'conversation,quiz,topic,seed,asked_by,asked_at,question,right_answer,student,answer,right');
    assert.equal(lines.length, 5);
    assert.match(lines[1] ?? '', /^lab,1,taint,3,prof,\d{4}-\d\d-\d\dT[\d:.]+Z,.*,[A-E],alice,A,(yes|no)$/);
    assert.match(lines[3] ?? '', /^lab,2,rmmod,5,prof,.*,[A-E],alice,B,(yes|no)$/);
    assert.match(lines[4] ?? '', /^lab,3,lsmod,7,prof,.*,,carol,C,$/);
    await shot('scores-history');
  });
});
