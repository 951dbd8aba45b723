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
    const text = await pipeThrough(['insmod hello.ko', ':as bob', 'lsmod', ':in other', 'lsmod', ':as bob', '/modlab reboot']);
    const parts = text.split('root@modlab:~# lsmod\n');
    assert.match(parts[1] ?? '', /^Module +Size  Used by\nhello +16384  0\n/);
    assert.match(parts[2] ?? '', /^Module +Size  Used by\n\[modlab\] Only instructors/);
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
