/**
 * /edit in the terminal chat: paste mode (a line with only "." saves) and $EDITOR on a copy.
 */
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { createApp } from '../../../src/app/create-app';
import { runConsole } from '../../../adapters/console';
import { haveTmux, TerminalChat } from './tmux';

async function pipeThrough(lines: string[], editor?: string): Promise<string> {
  const app = await createApp({ store: 'memory' });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  input.end(lines.map((l) => l + '\n').join(''));
  await runConsole(app, { input, output, interactive: false, ...(editor ? { editor } : {}) });
  await app.close();
  return text;
}

describe('console adapter: /edit FILE', () => {
  it('shows the file, reads the pasted lines up to "." and saves them', async () => {
    const text = await pipeThrough(['echo old > a.c', '/edit a.c', 'int x;', '', '  return 0;', '.', 'cat a.c']);
    assert.equal(
      text,
      [
        'root@modlab:~# echo old > a.c',
        'Editing a.c (1 line, 4 bytes).',
        '----- a.c now -----',
        'old',
        '----- end of a.c -----',
        '[modlab] Type or paste the whole new content of a.c, then a line with only "." to save it (Ctrl-C cancels; set $EDITOR to use your own editor).',
        '[modlab] you saved ~/a.c: 3 lines, 20 bytes.',
        'root@modlab:~# cat a.c',
        'int x;',
        '',
        '  return 0;',
        '',
      ].join('\n'),
    );
  });

  it('opens a new file empty and creates it on save; a line that only starts with "." is content', async () => {
    const text = await pipeThrough(['/edit lkm/Makefile', 'mkdir lkm', '/edit lkm/Makefile', 'obj-m += lkm.o', '.x', '.', 'cat lkm/Makefile']);
    assert.match(text, /^\[modlab\] Cannot edit lkm\/Makefile: No such file or directory\.\n/);
    assert.match(text, /Editing lkm\/Makefile \(a new file, created when you save\)\.\n\[modlab\] Type or paste/);
    assert.ok(text.endsWith('root@modlab:~# cat lkm/Makefile\nobj-m += lkm.o\n.x\n'), text);
  });

  it('saves nothing when the input ends before the "." line', async () => {
    const text = await pipeThrough(['/edit b.c', 'int y;', '/lsmod']);
    assert.ok(text.endsWith('[modlab] The input ended before a "." line: b.c not saved.\n'), text);
  });

  it('runs $EDITOR on a copy of the file and saves what it wrote', async () => {
    const text = await pipeThrough(['echo "int a;" > a.c', '/edit a.c', 'cat a.c'], 'sed -i s/a/zz/');
    assert.ok(text.includes('[modlab] you saved ~/a.c: 1 line, 8 bytes.\nroot@modlab:~# cat a.c\nint zz;\n'), text);
  });

  it('saves nothing when $EDITOR fails or changes nothing', async () => {
    assert.ok((await pipeThrough(['/edit a.c'], 'false')).endsWith('[modlab] a.c not saved: false exited with status 1.\n'));
    assert.ok((await pipeThrough(['echo x > a.c', '/edit a.c'], 'true')).endsWith('[modlab] a.c unchanged; nothing saved.\n'));
  });

  describe('on a real terminal (tmux)', function () {
    this.timeout(60_000);
    let chat: TerminalChat | undefined;
    before(function () {
      if (!haveTmux()) this.skip();
    });
    afterEach(() => chat?.close());

    it('pastes without a prompt, saves at ".", and Ctrl-C cancels a paste', async () => {
      chat = new TerminalChat();
      await chat.waitFor('you@lab> ');
      await chat.line('/edit hello.c');
      await chat.waitFor('(Ctrl-C cancels; set $EDITOR to use your own editor).\n');
      await chat.line('int main');
      await chat.line('.');
      await chat.waitFor('[modlab] you saved ~/hello.c: 1 line, 9 bytes.\nyou@lab> ');
      await chat.line('/edit hello.c');
      await chat.waitFor('----- end of hello.c -----\n');
      await chat.keys('half', 'C-c');
      await chat.waitFor('half^C\n[modlab] hello.c not saved.\nyou@lab> ');
      await chat.line('cat hello.c');
      await chat.waitFor('root@modlab:~# cat hello.c\nint main\nyou@lab> ');
    });
  });
});
