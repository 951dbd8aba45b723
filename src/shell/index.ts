// Placeholder: the shell helper replaces this file.
import type { System, Tool } from '../userland/tool';
import type { ExecResult } from './result';

/** Run one command line (bash -c LINE) on the system with these tools on PATH. */
export function runLine(_line: string, _sys: System, _tools: ReadonlyMap<string, Tool>): ExecResult {
  throw new Error('shell not written yet');
}
