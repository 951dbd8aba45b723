/**
 * `/edit FILE`: open a file of the conversation's machine in the platform's text box
 * (a Discord modal, a Slack modal, the terminal chat's $EDITOR or paste mode), prefilled with
 * its content, and save what comes back. Opening reads the machine as the user's own login
 * would (their directory, symbolic links); saving is a machine step like any shell line
 * (budget, disk quota, history, the exercise's check).
 */
import type { Command, CommandContext } from './context';
import type { Reply } from '../src/contracts/reply';
import { noticeReply } from '../src/contracts/reply';
import { EDIT_COMMAND, savedContent, savedVersion } from '../src/contracts/edit';
import { MAX_EDIT_CHARS } from '../src/contracts/budget';
import { strerror } from '../src/kernel/errno';
import { describeSize, openFileOf, saveWasRefused } from '../src/scope/edit-file';
import { editedVersion } from '../src/machine/edit-file';
import { HOME } from '../src/machine/machine';

const USAGE = 'Which file? `/edit FILE`, e.g. `/edit lkm.c` (a new file opens empty).';

async function open(ctx: CommandContext, name: string): Promise<Reply> {
  const state = await ctx.scope.read();
  const file = openFileOf(state, ctx.invocation.user, name, ctx.machine);
  if (!file.ok) {
    const why = file.error === 'binary' ? 'it is not a text file (a kernel module or other binary)' : strerror[-file.error] ?? `error ${-file.error}`;
    return noticeReply('error', `Cannot edit ${name}: ${why}.`);
  }
  const what = file.exists ? `${describeSize(file.content)}` : 'a new file, created when you save';
  return {
    blocks: [{ kind: 'text', text: `Editing ${name} (${what}).` }],
    edit: { name, path: file.path, content: file.content, exists: file.exists, version: editedVersion(file) },
    visibility: 'user',
  };
}

/**
 * Save CONTENT as an editor does: Windows line ends become Unix ones, and a last line gets its
 * newline (vim's 'fixendofline', nano's default), since a text box drops it.
 */
async function save(ctx: CommandContext, path: string, content: string, version: string | undefined): Promise<Reply> {
  if (content.length > MAX_EDIT_CHARS) {
    return noticeReply('error', `That is ${content.length} characters; /edit saves at most ${MAX_EDIT_CHARS} at once.`);
  }
  let text = content.replace(/\r\n?/g, '\n');
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  const name = shortName(path);
  const result = await ctx.step({ kind: 'save-file', name, path, content: text, ...(version === undefined ? {} : { version }), user: ctx.invocation.user });
  if (result.stopped || !saveWasRefused(result.blocks)) return { blocks: result.blocks, visibility: 'channel' };
  // Refused: the text exists nowhere else, so it goes back to its writer alone.
  // Slack cannot send a file to one user alone: there the text itself is shown (the fallback).
  const file = { name: baseName(path), contentType: 'text/plain' as const, data: Buffer.from(text, 'utf8'), description: `Your unsaved ${name}`, fallback: text };
  return { blocks: result.blocks, files: [file], visibility: 'user' };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || 'file';
}

/** PATH as the class reads it: ~/x for /root/x. */
function shortName(path: string): string {
  return path === HOME ? '~' : path.startsWith(`${HOME}/`) ? `~${path.slice(HOME.length)}` : path;
}

export const edit: Command = {
  data: {
    name: EDIT_COMMAND,
    description: 'Edit a file of this channel\'s machine in a text box, e.g. lkm.c or Makefile',
    usage: 'edit FILE',
    access: 'everyone',
    chatOnly: true,
    options: [{ name: 'file', description: 'The file, e.g. lkm.c or lkm/Makefile (a new file opens empty)', type: 'string', required: true }],
  },
  run(invocation, ctx) {
    if (invocation.input.kind !== 'command') return Promise.resolve(noticeReply('error', USAGE));
    const content = savedContent(invocation.input);
    const name = (invocation.input.text.trim() || String(invocation.input.options?.file ?? '')).trim();
    if (content !== undefined) return name === '' ? Promise.resolve(noticeReply('error', USAGE)) : save(ctx, name, content, savedVersion(invocation.input));
    return name === '' ? Promise.resolve(noticeReply('error', USAGE)) : open(ctx, name);
  },
};
