/**
 * A real terminal for the terminal chat's tests: tmux on a private socket runs the bot in
 * a pane (a true TTY: line editing, Tab, Ctrl-C), send-keys types into it and
 * capture-pane reads the screen as a person sees it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function haveTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class TerminalChat {
  readonly dir = mkdtempSync(join(tmpdir(), 'modlab-tty-'));
  private readonly socket = `modlab-test-${process.pid}-${Date.now()}`;

  /** Start `node dist/adapters/main.js` (no chat tokens: the terminal chat) in a 100x50 pane. */
  constructor(env: Record<string, string> = {}) {
    const main = resolve(__dirname, '../../../adapters/main.js');
    const vars = {
      MODLAB_STORE: 'memory',
      MODLAB_LOG_FILE: join(this.dir, 'modlab.log'),
      MODLAB_FILES_DIR: join(this.dir, 'files'),
      ...env,
    };
    const assignments = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
    // env -i: no DISCORD_TOKEN or SLACK_BOT_TOKEN from the developer's shell; cwd DIR: no .env.
    this.tmux('new-session', '-d', '-s', 'chat', '-x', '100', '-y', '50', '-c', this.dir, 'env', '-i', `PATH=${process.env.PATH ?? ''}`, 'TERM=xterm', ...assignments, process.execPath, main);
    this.tmux('set-option', '-t', 'chat', 'remain-on-exit', 'on');
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Type KEYS (tmux key names such as Tab, C-c, Enter, or literal text), one send each. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      // One key per write: readline treats several characters in one chunk as a paste,
      // and does no Tab completion inside a paste.
      this.tmux('send-keys', '-t', 'chat', ...(/^(Tab|Enter|C-[a-z]|BSpace)$/.test(key) ? [key] : ['-l', key]));
      await sleep(60);
    }
  }

  /** A line typed and sent, then a moment for the answer. */
  async line(text: string, wait = 400): Promise<void> {
    await this.keys(text, 'Enter');
    await sleep(wait);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'chat').replace(/\n+$/, '\n');
  }

  /** Wait until the screen shows TEXT (or fail after MS). */
  async waitFor(text: string, ms = 15000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      if (screen.includes(text)) return screen;
      if (Date.now() > until) throw new Error(`no ${JSON.stringify(text)} on the screen:\n${screen}`);
      await sleep(100);
    }
  }

  exited(): boolean {
    return this.tmux('display-message', '-p', '-t', 'chat', '#{pane_dead}').trim() === '1';
  }

  log(): string {
    const path = join(this.dir, 'modlab.log');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
