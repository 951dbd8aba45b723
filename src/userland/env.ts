/**
 * env(1) of GNU coreutils 9.1: run COMMAND with NAME=VALUE set (-u NAME unset, -i an empty
 * environment), or print the environment. Exit status 125 for env's own failure, 126 when
 * COMMAND cannot run, 127 when it is not found.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { ENOENT } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'ignore-environment', has: 'none', key: 'i' },
  { name: 'null', has: 'none', key: '0' },
  { name: 'unset', has: 'required', key: 'u' },
  { name: 'chdir', has: 'required', key: 'C' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  // '+': options end at the first NAME=VALUE or COMMAND
  const parsed = getopt(argv, '+i0u:C:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message + "Try 'env --help' for more information.\n");
    return 125;
  }
  const env: Record<string, string> = { ...sys.env };
  let nul = false;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\nSet each NAME to VALUE in the environment and run COMMAND.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('env (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'i') for (const name of Object.keys(env)) delete env[name];
    if (key === 'u') delete env[arg ?? ''];
    if (key === '0') nul = true;
  }
  let operands = parsed.operands;
  if (operands[0] === '-') {
    for (const name of Object.keys(env)) delete env[name];
    operands = operands.slice(1);
  }
  while (operands.length > 0 && /^[^=]+=/.test(operands[0])) {
    const eq = operands[0].indexOf('=');
    env[operands[0].slice(0, eq)] = operands[0].slice(eq + 1);
    operands = operands.slice(1);
  }
  if (operands.length === 0) {
    for (const [name, value] of Object.entries(env)) io.out(`${name}=${value}${nul ? '\0' : '\n'}`);
    return 0;
  }
  const saved = { ...sys.env };
  for (const name of Object.keys(sys.env)) delete sys.env[name];
  Object.assign(sys.env, env);
  try {
    const status = sys.exec(operands, io);
    if (status === -ENOENT || status < 0) {
      io.err(`env: '${operands[0]}': No such file or directory\n`);
      return 127;
    }
    return status;
  } finally {
    for (const name of Object.keys(sys.env)) delete sys.env[name];
    Object.assign(sys.env, saved);
  }
}

export const env: Tool = { name: 'env', main, summary: 'run a program in a modified environment' };
