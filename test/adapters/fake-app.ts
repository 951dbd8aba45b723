/**
 * A small App for the Discord and Slack adapter tests that need control over the reply or
 * its timing: the real command declarations and access rule, a terminal block echoing the
 * line, and hooks.
 */
import type { App } from '../../src/app/app';
import type { Invocation, Scope } from '../../src/contracts/invocation';
import { noticeReply, type Reply } from '../../src/contracts/reply';
import type { Completion } from '../../src/contracts/command';
import type { Announcer } from '../../src/contracts/announcer';
import { mayRun } from '../../src/app/access';
import { commands } from '../../commands/index';

export class FakeApp implements App {
  readonly commands = commands;
  readonly invocations: Invocation[] = [];
  readonly completions: Array<{ scope: Scope; source: Completion; prefix: string; limit: number }> = [];
  answer: (invocation: Invocation) => Reply | Promise<Reply> = echo;
  suggest: (prefix: string) => string[] | Promise<string[]> = () => [];
  /** What the adapter handed to setAnnouncer (tests post through it as the app would). */
  announcer?: Announcer;

  setAnnouncer(announcer: Announcer): void {
    this.announcer = announcer;
  }

  async handle(invocation: Invocation): Promise<Reply> {
    this.invocations.push(invocation);
    if (invocation.input.kind === 'command') {
      const { command: name, text } = invocation.input;
      const command = this.commands.find((c) => c.data.name === name);
      if (!command) return noticeReply('error', `Unknown command /${name}.`);
      if (!mayRun(command, invocation)) return noticeReply('error', `Only instructors may run /${name} ${text.trim().split(/\s+/)[0]}.`);
    }
    return this.answer(invocation);
  }

  async complete(scope: Scope, source: Completion, prefix: string, limit: number): Promise<string[]> {
    this.completions.push({ scope, source, prefix, limit });
    return this.suggest(prefix);
  }

  async close(): Promise<void> {}
}

export function echo(invocation: Invocation): Reply {
  if (invocation.input.kind === 'action') return noticeReply('info', `clicked ${invocation.input.id}`, 'channel');
  const { command, text, options } = invocation.input;
  const words = text !== '' ? text : Object.values(options ?? {}).join(' ');
  const lines = command === 'sh' && text !== '' ? text.split('\n') : [`${command} ${words}`.trim()];
  return {
    visibility: 'channel',
    blocks: lines.map((line) => ({
      kind: 'terminal' as const,
      user: invocation.user.name,
      prompt: 'root@modlab:~#',
      line,
      output: `ran ${line}\n`,
      exitCode: 0,
      keep: 'start' as const,
    })),
  };
}
