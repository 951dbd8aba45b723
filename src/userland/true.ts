/** true(1) / the bash builtin: does nothing, successfully; arguments are ignored. */
import type { Io, System, Tool } from './tool';

export function main(_argv: string[], _io: Io, _sys: System): number {
  return 0;
}

export const trueTool: Tool = { name: 'true', main, summary: 'do nothing, successfully' };
