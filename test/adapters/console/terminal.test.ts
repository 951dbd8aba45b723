/**
 * The interactive terminal chat on a real TTY (tmux): what a class ran into (issue 13).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { haveTmux, TerminalChat } from './tmux';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The screen's last non-empty line (the prompt and what is typed after it). */
function lastLine(screen: string): string {
  const lines = screen.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

describe('terminal chat on a real terminal (tmux)', function () {
  this.timeout(60_000);
  let chat: TerminalChat;

  before(function () {
    if (!haveTmux()) this.skip();
  });

  beforeEach(async () => {
    chat = new TerminalChat({ MODLAB_QUIZ_SECONDS: '10' });
    await chat.waitFor('you@lab> ');
  });

  afterEach(() => chat?.close());

  it('Tab completes a command name and adds the space after it', async () => {
    await chat.keys('ech', 'Tab', 'hi', 'Enter');
    const screen = await chat.waitFor('root@modlab:~# echo hi\nhi\n');
    assert.ok(screen.includes('you@lab> echo hi\n'), screen);
  });

  it('Ctrl-C drops the half-typed line, as bash does, and nothing of it runs', async () => {
    await chat.keys('insmod hello.ko', 'C-c');
    await chat.line('lsmod');
    const screen = await chat.waitFor('Module                  Size  Used by\nyou@lab> ');
    assert.ok(screen.includes('you@lab> insmod hello.ko^C\nyou@lab> lsmod\nroot@modlab:~# lsmod\nModule                  Size  Used by\n'), screen);
    assert.ok(!chat.exited());
  });

  it('Ctrl-C on an empty line says how to leave, a second one leaves', async () => {
    await chat.keys('C-c');
    await chat.waitFor('(To leave, press Ctrl-C again or Ctrl-D, or type :quit)\nyou@lab> ');
    assert.ok(!chat.exited());
    await chat.keys('C-c');
    await sleep(1000);
    assert.ok(chat.exited(), chat.screen());
  });

  it('Ctrl-C then typing again does not leave: only two in a row on an empty line do', async () => {
    await chat.keys('C-c');
    await chat.line('echo still');
    await chat.keys('C-c');
    await sleep(500);
    assert.ok(!chat.exited(), chat.screen());
  });

  it('Ctrl-D on an empty line leaves', async () => {
    await chat.keys('C-d');
    await sleep(1000);
    assert.ok(chat.exited(), chat.screen());
  });

  it('keeps log lines off the terminal: they go to the log file', async () => {
    await chat.line(':as bob');
    await chat.line('/modlab reboot');
    const screen = await chat.waitFor('[modlab] Only instructors may run /modlab reboot.\n');
    assert.ok(!screen.includes('"level"'), screen);
    await sleep(200);
    assert.match(chat.log(), /"level":"warn","message":"Only instructors may run \/modlab reboot\.","code":"forbidden"/);
  });

  it('redraws the prompt and the half-typed line after a timed quiz reveal', async () => {
    await chat.line('/quiz', 2000);
    await chat.waitFor('(answer with :answer LETTER, or press a button with :click N)\nyou@lab> ');
    await chat.keys(':answer A', 'Enter');
    await chat.waitFor('[modlab] Your answer: A) ');
    await chat.keys('echo half-typ');
    const screen = await chat.waitFor('Time is up!', 20_000);
    await sleep(300);
    assert.equal(lastLine(chat.screen()), 'you@lab> echo half-typ', screen);
    await chat.keys('ed', 'Enter');
    await chat.waitFor('root@modlab:~# echo half-typed\nhalf-typed\n');
  });

  it(':in lists the conversations, and an unknown name asks before creating one', async () => {
    await chat.line('echo here');
    // On a busy machine the first answer can take longer than line()'s pause: wait for it.
    await chat.waitFor('root@modlab:~# echo here\nhere\nyou@lab> ');
    await chat.line(':in');
    await chat.waitFor(':in\n* lab\nyou@lab> ');
    await chat.line(':in lab2');
    await chat.waitFor('Create conversation lab2? (y/n) ');
    await chat.line('n');
    await chat.waitFor('[modlab] Not created; still in lab.\nyou@lab> ');
    await chat.line(':in lab2');
    await chat.line('y');
    await chat.waitFor('you@lab2> ');
    await chat.line('echo there');
    await chat.line(':in');
    await chat.waitFor(':in\n  lab\n* lab2\nyou@lab2> ');
  });

  it('saves a reply\'s picture to a file, prints its path, and shows the tree', async () => {
    await chat.line('modprobe vfat');
    await chat.line('lsmod --graph', 3000);
    const screen = await chat.waitFor('saved to ');
    assert.ok(screen.includes('you drew the module graph of lab: 2 modules loaded.\nvfat  [Live, refcnt 0]\n└── uses fat  [Live, refcnt 1]\nKernel: Not tainted.\n[modlab] Module graph of lab: saved to '), screen);
    const path = /saved to (\S+\.png)/.exec(screen)?.[1];
    assert.ok(path && path.startsWith(chat.dir) && existsSync(path), screen);
    assert.deepEqual([...readFileSync(path).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
