/**
 * A small App for adapter tests until (and besides) the real createApp: real command
 * declarations, the real access rule, and a terminal block that echoes the shell line.
 * `answer` lets a test choose the Reply.
 */
import type { App } from '../../../src/app/app';
import type { Invocation } from '../../../src/app/invocation';
import { noticeReply, type Reply } from '../../../src/app/reply';
import { mayRun } from '../../../src/app/access';
import { commands } from '../../../commands/index';

export class FakeApp implements App {
  readonly commands = commands;
  readonly invocations: Invocation[] = [];
  answer: (invocation: Invocation) => Reply | Promise<Reply> = echo;

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

  async complete(): Promise<string[]> {
    return [];
  }

  async close(): Promise<void> {}
}

export function echo(invocation: Invocation): Reply {
  if (invocation.input.kind === 'action') return noticeReply('info', `clicked ${invocation.input.id}`, 'channel');
  const { command, text } = invocation.input;
  const lines = command === 'sh' ? text.split('\n') : [`${command} ${text}`.trim()];
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
