/**
 * getopt_long(3) as glibc 2.36 (Debian 12) implements it, for the coreutils, util-linux and
 * kmod tools: short options clustered ("-tx"), required arguments attached or separate
 * ("-n5", "-n 5"), long options abbreviated to any unique prefix ("--lev=err"), argument
 * permutation (options after operands) unless the short string starts with '+', and "--".
 * Errors are glibc's texts (posix/getopt.c); the tool prints its own "Try ..." line after.
 */

export type ArgKind = 'none' | 'required' | 'optional';

export interface LongOption {
  name: string;
  has: ArgKind;
  /** The short option (or a private key such as "since") this long option reports as. */
  key: string;
}

export interface ParsedOption {
  key: string;
  arg?: string;
  /** How the user spelled it ("-l", "--level"), for messages that quote it. */
  spelled: string;
}

export type GetoptResult =
  | { ok: true; options: ParsedOption[]; operands: string[] }
  | { ok: false; message: string };

interface ShortSpec {
  has: ArgKind;
}

function parseShort(shortopts: string): { table: Map<string, ShortSpec>; permute: boolean } {
  const table = new Map<string, ShortSpec>();
  let permute = true;
  let i = 0;
  if (shortopts.startsWith('+')) {
    permute = false;
    i = 1;
  }
  for (; i < shortopts.length; i++) {
    const c = shortopts[i];
    if (c === ':') continue;
    let has: ArgKind = 'none';
    if (shortopts[i + 1] === ':') has = shortopts[i + 2] === ':' ? 'optional' : 'required';
    table.set(c, { has });
  }
  return { table, permute };
}

/** Parse argv[1..] (argv[0] is the program name used in messages). */
export function getopt(argv: readonly string[], shortopts: string, longopts: readonly LongOption[] = []): GetoptResult {
  const prog = argv[0] ?? '';
  const { table, permute } = parseShort(shortopts);
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let i = 1;
  while (i < argv.length) {
    const arg = argv[i];
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const exact = longopts.find((o) => o.name === name);
      const candidates = exact ? [exact] : longopts.filter((o) => o.name.startsWith(name));
      // Several abbreviations that all mean the same option are not ambiguous (glibc compares flag/val).
      const distinct = candidates.filter((o, n) => candidates.findIndex((p) => p.key === o.key && p.has === o.has) === n);
      if (distinct.length === 0) return { ok: false, message: `${prog}: unrecognized option '--${name}'\n` };
      if (distinct.length > 1) {
        const list = candidates.map((o) => ` '--${o.name}'`).join('');
        return { ok: false, message: `${prog}: option '--${name}' is ambiguous; possibilities:${list}\n` };
      }
      const opt = distinct[0];
      const spelled = `--${opt.name}`;
      if (eq >= 0) {
        if (opt.has === 'none') return { ok: false, message: `${prog}: option '--${opt.name}' doesn't allow an argument\n` };
        options.push({ key: opt.key, arg: arg.slice(eq + 1), spelled });
      } else if (opt.has === 'required') {
        if (i + 1 >= argv.length) return { ok: false, message: `${prog}: option '--${opt.name}' requires an argument\n` };
        options.push({ key: opt.key, arg: argv[i + 1], spelled });
        i++;
      } else {
        options.push({ key: opt.key, spelled });
      }
      i++;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const spec = table.get(c);
        if (!spec) return { ok: false, message: `${prog}: invalid option -- '${c}'\n` };
        if (spec.has === 'none') {
          options.push({ key: c, spelled: `-${c}` });
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') {
          options.push({ key: c, arg: rest, spelled: `-${c}` });
        } else if (spec.has === 'optional') {
          options.push({ key: c, spelled: `-${c}` });
        } else {
          if (i + 1 >= argv.length) return { ok: false, message: `${prog}: option requires an argument -- '${c}'\n` };
          options.push({ key: c, arg: argv[i + 1], spelled: `-${c}` });
          i++;
        }
        break;
      }
      i++;
      continue;
    }
    if (!permute) {
      operands.push(...argv.slice(i));
      break;
    }
    operands.push(arg);
    i++;
  }
  return { ok: true, options, operands };
}
