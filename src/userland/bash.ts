/**
 * /usr/bin/bash and /usr/bin/sh (dash) as programs. The shell runs `bash -c LINE` itself, in
 * a process of its own (src/shell/exec.ts); a program that runs one goes through System.exec.
 * Without -c a shell reads its script from standard input.
 */
import type { Io, System, Tool } from './tool';

function run(argv0: 'bash' | 'sh', argv: string[], io: Io, sys: System): number {
  const line = argv[1] === '-c' ? argv[2] ?? '' : io.stdin;
  if (argv[1] === '-c' && argv[2] === undefined) {
    io.err(`${argv0}: -c: option requires an argument\n`);
    return 2;
  }
  const status = sys.exec([argv0, '-c', line], io);
  return status < 0 ? 127 : status;
}

export const bash: Tool = { name: 'bash', main: (argv, io, sys) => run('bash', argv, io, sys), summary: 'GNU Bourne-Again SHell' };
export const sh: Tool = { name: 'sh', main: (argv, io, sys) => run('sh', argv, io, sys), summary: 'command interpreter (shell)' };
