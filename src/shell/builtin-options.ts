/**
 * A builtin's options as bash's internal_getopt reads them for option letters without
 * arguments: words of letters up to the first operand, `--` or `-`; the letters in the order
 * given (where the last of two wins, as cd's -L and -P); an unknown letter stops it.
 */
export function builtinOptions(argv: readonly string[], letters: string): { flags: string; args: string[] } | { bad: string } {
  let flags = '';
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (const c of arg.slice(1)) {
      if (!letters.includes(c)) return { bad: c };
      flags += c;
    }
  }
  return { flags, args: argv.slice(i) };
}
