// Placeholder until the tool is written; answers as an unknown command would.
import type { Io, System, Tool } from './tool';

export function main(argv: string[], io: Io, _sys: System): number {
  io.err(`bash: ${argv[0]}: command not found\n`);
  return 127;
}

export const history: Tool = { name: 'history', main };
