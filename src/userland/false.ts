/** false(1) / the bash builtin: does nothing, unsuccessfully; arguments are ignored. */
import type { Io, System, Tool } from './tool';

export function main(_argv: string[], _io: Io, _sys: System): number {
  return 1;
}

export const falseTool: Tool = { name: 'false', main, summary: 'do nothing, unsuccessfully' };
