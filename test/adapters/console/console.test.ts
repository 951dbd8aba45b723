import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { createApp } from '../../../src/app/create-app';
import { runConsole } from '../../../adapters/console';
import { parseConsoleLine } from '../../../adapters/console/parse';

async function pipeThrough(lines: string[]): Promise<string> {
  const app = await createApp({ store: 'memory' });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  input.end(lines.map((l) => l + '\n').join(''));
  await runConsole(app, { input, output, interactive: false });
  await app.close();
  return text;
}

describe('console adapter: one line is one chat message', () => {
  const rows: Array<[string, ReturnType<typeof parseConsoleLine>]> = [
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['insmod hello.ko', { kind: 'input', input: { kind: 'command', command: 'sh', text: 'insmod hello.ko' } }],
    ['/lsmod', { kind: 'input', input: { kind: 'command', command: 'lsmod', text: '' } }],
    ['/modlab status', { kind: 'input', input: { kind: 'command', command: 'modlab', text: 'status' } }],
    ['/proc/modules', { kind: 'input', input: { kind: 'command', command: 'sh', text: '/proc/modules' } }],
    [':as bob', { kind: 'as', name: 'bob', instructor: false }],
    [':as carol instructor', { kind: 'as', name: 'carol', instructor: true }],
    [':as', { kind: 'error', message: 'usage: :as NAME [instructor]' }],
    [':in lab2', { kind: 'in', conversation: 'lab2' }],
    [':click quiz:1:a', { kind: 'input', input: { kind: 'action', id: 'quiz:1:a' } }],
    [':click 2', { kind: 'click', number: 2 }],
    [':click 99', { kind: 'click', number: 99 }],
    [':click 0', { kind: 'input', input: { kind: 'action', id: '0' } }],
    [':click', { kind: 'error', message: 'usage: :click N (the number shown beside a button)' }],
    [':answer b', { kind: 'answer', letter: 'B' }],
    [':answer B', { kind: 'answer', letter: 'B' }],
    [':answer', { kind: 'error', message: 'usage: :answer LETTER (A, B, C …)' }],
    [':answer BC', { kind: 'error', message: 'usage: :answer LETTER (A, B, C …)' }],
    [':in', { kind: 'conversations' }],
    [':nope', { kind: 'error', message: 'unknown directive :nope (try :help)' }],
    [': > empty.ko', { kind: 'input', input: { kind: 'command', command: 'sh', text: ': > empty.ko' } }],
    [':', { kind: 'input', input: { kind: 'command', command: 'sh', text: ':' } }],
  ];
  for (const [line, want] of rows) {
    it(`parses ${JSON.stringify(line)}`, () => assert.deepEqual(parseConsoleLine(line), want));
  }

  it('answers piped lines in order with prompt lines and exact output, and ends at end of input', async () => {
    const text = await pipeThrough(['insmod mod_a.ko', 'insmod mod_b.ko', 'lsmod']);
    assert.equal(
      text,
      [
        'root@modlab:~# insmod mod_a.ko',
        'insmod: ERROR: could not insert module mod_a.ko: Unknown symbol in module',
        'root@modlab:~# insmod mod_b.ko',
        'root@modlab:~# lsmod',
        'Module                  Size  Used by',
        'mod_b                  16384  0',
        '',
      ].join('\n'),
    );
  });

  it('plays a class: :as switches the user, :in the conversation and its machine', async () => {
    const text = await pipeThrough(['insmod hello.ko', ':as bob', 'lsmod', ':in other', 'y', 'lsmod', ':as bob', '/modlab reboot']);
    const parts = text.split('root@modlab:~# lsmod\n');
    assert.match(parts[1] ?? '', /^Module +Size  Used by\nhello +16384  0\n/);
    assert.match(parts[2] ?? '', /^Module +Size  Used by\n\[modlab\] Only instructors/);
  });

  it('asks before creating a conversation that does not exist, and lists them with :in', async () => {
    const text = await pipeThrough(['echo one', ':in two', 'n', ':in', ':in two', 'yes', 'echo two', ':in', ':in lab', 'echo back']);
    assert.equal(
      text,
      [
        'root@modlab:~# echo one',
        'one',
        '[modlab] Not created; still in lab.',
        '* lab',
        'root@modlab:~# echo two',
        'two',
        '  lab',
        '* two',
        'root@modlab:~# echo back',
        'back',
        '',
      ].join('\n'),
    );
  });

  it('numbers buttons for :click N, answers a quiz by letter with :answer, and refuses what is not there', async () => {
    const text = await pipeThrough([':click 1', ':answer A', '/quiz taint', ':answer Z', ':click 9', ':answer b', ':click 1']);
    assert.ok(text.startsWith('[modlab] No buttons to press yet.\n[modlab] No quiz in this conversation yet (start one with /quiz).\nQuiz (taint)'), text);
    assert.match(text, /\n {2}\[1\] A\n {2}\[2\] B\n {2}\[3\] C\n(?: {2}\[4\] D\n)?(?: {2}\[5\] E\n)? {2}\(answer with :answer LETTER, or press a button with :click N\)\n/);
    assert.match(text, /\[modlab\] The quiz here has no answer Z\.\n\[modlab\] No button 9: the last buttons are 1 to [345]\.\n\[modlab\] Your answer: B\) [^\n]*\n\[modlab\] Changed your answer from B to A\) /);
  });

  it('reads an unfinished here-document, quote or trailing backslash on until it is complete, as bash does', async () => {
    const text = await pipeThrough(["cat > hi.c <<'EOF'", '#include <linux/module.h>', '', 'int x;', 'EOF', "echo 'a", "b' \\", 'c', 'cat hi.c']);
    assert.equal(
      text,
      [
        "root@modlab:~# cat > hi.c <<'EOF'",
        '> #include <linux/module.h>',
        '> ',
        '> int x;',
        '> EOF',
        "root@modlab:~# echo 'a",
        "> b' \\",
        '> c',
        'a',
        'b c',
        'root@modlab:~# cat hi.c',
        '#include <linux/module.h>',
        '',
        'int x;',
        '',
      ].join('\n'),
    );
  });

  // Each message runs as `bash -c` (as the oracle does): its warning names the line of the -c string.
  it('runs a here-document the input ended inside, with bash -c\'s warning', async () => {
    const text = await pipeThrough(['cat <<EOF', 'no end']);
    assert.equal(text, "root@modlab:~# cat <<EOF\n> no end\nbash: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nno end\n");
  });
});
