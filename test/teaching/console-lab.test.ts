import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import { runConsole } from '../../adapters/console';
import { Scratch } from '../../src/teaching/quiz/scratch';
import { generateQuestion } from '../../src/teaching/quiz/question';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

/** Pipe LINES through the console as one terminal session (the first user is an instructor). */
async function session(app: App, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  input.end(lines.map((l) => l + '\n').join(''));
  await runConsole(app, { input, output, interactive: false, user: 'prof' });
  return text;
}

/** The part of TEXT that answers the message LINE (up to the next answer's first line). */
function after(text: string, marker: string): string {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `no ${JSON.stringify(marker)} in:\n${text}`);
  return text.slice(at + marker.length);
}

describe('a whole lab in the console: an instructor and two students', () => {
  let app: App;
  let now: number;
  beforeEach(async () => {
    now = T0;
    app = await createApp({ store: 'memory', clock: () => (now += 50), quizTickMs: 0 });
  });
  afterEach(() => app.close());

  it('runs an exercise to its solution, then a quiz with scores, with the lines an instructor expects', async () => {
    // The quiz's right answer, from the simulator (what the right button must be).
    const question = generateQuestion(new Scratch('modlab'), 7, 'rmmod');
    assert.ok(question);
    const right = question.correct;
    const wrong = right === 0 ? 1 : 0;
    const text = await session(app, [
      '/exercise list',
      '/exercise start rmmod-in-use',
      ':in rmmod-in-use-1',
      ':as alice',
      'lsmod',
      'rmmod mod_b',
      '/exercise hint',
      ':as bob',
      'rmmod mod_a',
      '/exercise status',
      ':as alice',
      'rmmod mod_b',
      '/quiz rmmod seed=7',
      `:answer ${'abcde'[right]}`,
      ':as bob',
      `:click ${wrong + 1}`,
      '/quiz reveal',
      ':as prof instructor',
      '/quiz reveal',
      '/quiz scores',
      ':in lab',
      '/exercise status',
    ]);

    assert.match(text, /^Exercises \(an instructor starts one with \/exercise start NAME\):\n {2}whats-loaded {15}What is loaded\? lsmod and \/proc\/modules\n/);
    assert.match(text, /^\[modlab\] prof opened the exercise "rmmod and "in use"" in the conversation rmmod-in-use-1\. Switch to it with :in rmmod-in-use-1$/m);
    // The exercise's own machine, set up before the class arrives.
    assert.match(after(text, 'root@modlab:~# lsmod\n'), /^Module {18}Size {2}Used by\nmod_a {18}16384 {2}0\nmod_b {18}16384 {2}1 mod_a\n/);
    assert.match(after(text, 'root@modlab:~# rmmod mod_b\n'), /^rmmod: ERROR: Module mod_b is in use by: mod_a\nHint 1 of 3 \(asked by alice\): `rmmod mod_b` says who holds it\.\n/);
    // bob's status: mod_b still loaded, both students credited so far.
    const status = after(text, 'Exercise: rmmod and "in use" (rmmod-in-use), in progress; started by prof.\n');
    assert.match(status, /Goal:\n {2}\[ \] module mod_b is not loaded\n {2}\[x\] nobody used modprobe\nHints shown: 1 of 3\.\nContributors: alice \(`lsmod`, `rmmod mod_b`\), bob \(`rmmod mod_a`\)\.\n/);
    // Solved once, at alice's second rmmod mod_b, with everyone's commands.
    assert.equal(text.match(/Exercise solved/g)?.length, 1);
    assert.match(text, /^root@modlab:~# rmmod mod_b\n\[modlab\] Exercise solved: rmmod and "in use"\. Well done, alice \(`lsmod`, `rmmod mod_b`, `rmmod mod_b`\), bob \(`rmmod mod_a`\)\.$/m);
    // The quiz: its question, its buttons numbered for :click N, private acknowledgements.
    assert.match(text, /^Quiz \(rmmod\), 60 s to answer:$/m);
    assert.match(text, new RegExp(`^ {2}\\[${right + 1}\\] ${'ABCDE'[right]}$`, 'm'));
    assert.match(text, /^\[modlab\] Your answer: [A-E]\) .*You can change it until the reveal\.$/m);
    // A student cannot reveal; the instructor can, and the reveal names who was right.
    assert.match(text, /^\[modlab\] Only instructors may run \/quiz reveal\.$/m);
    const reveal = after(text, 'Quiz revealed. ');
    assert.match(reveal, new RegExp(`^What does \`rmmod \\w+\` print\\?\nAnswer: ${'ABCDE'[right]}\\) `));
    assert.match(reveal, /^See it yourself on a fresh machine: .*rmmod \w+$/m);
    assert.match(reveal, /^Right: alice \(1 of 2\)\.$/m);
    assert.match(text, /^Quiz scores in this conversation:\n {2}1\. alice: 1 right of 1\n {2}2\. bob: 0 right of 1\nQuiz scores in every conversation:\n {2}1\. alice: 1 right of 1\n {2}2\. bob: 0 right of 1\n/m);
    // Back in the lab, the instructor is told where the exercise runs.
    assert.match(text, /^\[modlab\] No exercise is running in this conversation \(\/exercise start opens a new one; switch with :in\)\. See \/exercise list\.\nExercises opened from here: rmmod-in-use-1 \(switch with :in NAME\)\.\n$/m);
  });

  it('keeps the lab\'s machine apart from the exercise\'s, and refuses /exercise start to a student', async () => {
    const text = await session(app, [
      'insmod hello.ko',
      ':as alice',
      '/exercise start rmmod-in-use',
      ':as prof instructor',
      '/exercise start rmmod-in-use',
      ':in rmmod-in-use-1',
      'lsmod | grep -c hello',
      ':in lab',
      'lsmod | grep -c hello',
    ]);
    assert.match(text, /^\[modlab\] Only instructors may run \/exercise start\.$/m);
    assert.match(text, /Switch to it with :in rmmod-in-use-1$/m);
    const counts = text.split('root@modlab:~# lsmod | grep -c hello\n').slice(1).map((part) => part.split('\n')[0]);
    assert.deepEqual(counts, ['0', '1']);
  });
});
