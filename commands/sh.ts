/**
 * Any shell line — or several, one per line (Discord's modal, a message's code block,
 * Slack mentions): each runs in order on the scope's machine, one terminal block each, as
 * one machine step under the message's budget (src/scope/step.ts, run by src/app's pool);
 * the running exercise (if any) then looks at what they did, in the same step.
 */
import type { Command, CommandContext } from './context';
import type { Reply } from '../src/contracts/reply';
import { noticeReply } from '../src/contracts/reply';
import { MAX_SCRIPT_LINES, scriptLines } from '../src/scope/run-script';
import { isGraphLine } from './graph-line';
import { graph } from './graph';
import { missingToolHint } from './missing-tool-hint';

/** Run SCRIPT's lines on the invocation's machine; the Reply holds their terminal blocks (or, over budget, the ^C and why). */
export async function runShell(ctx: CommandContext, script: string): Promise<Reply> {
  const lines = scriptLines(script);
  if (lines.length > MAX_SCRIPT_LINES) {
    return noticeReply('error', `That is ${lines.length} lines; one message runs at most ${MAX_SCRIPT_LINES}.`);
  }
  const { blocks } = await ctx.step({ kind: 'shell', lines, user: ctx.invocation.user });
  const hint = missingToolHint(blocks);
  return { blocks: hint ? [...blocks, hint] : blocks, visibility: 'channel' };
}

export const sh: Command = {
  data: {
    name: 'sh',
    description: 'Run a shell command line on this channel\'s machine, e.g. lsmod | grep hello',
    usage: 'sh LINE',
    access: 'everyone',
    options: [{ name: 'line', description: 'A command line, e.g. cat /proc/modules', type: 'string', multiline: true }],
  },
  run(invocation, ctx) {
    if (invocation.input.kind !== 'command') return runShell(ctx, '');
    const { text, options } = invocation.input;
    const script = text !== '' ? text : String(options?.line ?? '');
    return isGraphLine(script) ? graph(ctx) : runShell(ctx, script);
  },
};
