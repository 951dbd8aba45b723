/**
 * `/edit FILE` in the terminal chat with $EDITOR set: the file's content goes into a temporary
 * file named like it, the editor runs on it (through /bin/sh -c, as git runs $EDITOR, so
 * "code --wait" works), and what it left there is the new content. Only the host's temporary
 * copy is touched; the machine's file changes when the app saves it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { EditRequest } from '../../src/contracts/reply';

/** What the editor did: the new content, or why there is none (nothing is saved then). */
export type EditorOutcome = { ok: true; content: string } | { ok: false; why: string };

/** Run EDITOR (a shell command line) on a copy of EDIT's content; blocks until it exits, as a terminal editor holds the terminal. */
export function runEditor(editor: string, edit: EditRequest): EditorOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'modlab-edit-'));
  try {
    const file = join(dir, basename(edit.path) || 'file');
    writeFileSync(file, edit.content, 'utf8');
    const run = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
    if (run.error) return { ok: false, why: `${editor} could not start (${run.error.message})` };
    if (run.status !== 0) return { ok: false, why: `${editor} exited with ${run.status === null ? `signal ${run.signal ?? '?'}` : `status ${run.status}`}` };
    try {
      return { ok: true, content: readFileSync(file, 'utf8') };
    } catch {
      return { ok: false, why: `${editor} left no file to save` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
