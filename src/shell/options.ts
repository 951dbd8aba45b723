/**
 * bash's `set -o` options (flags.c, builtins/set.def: o_options), in the order `set -o`
 * lists them, with the letter `set -X` and $- use. A `bash -c` line starts with braceexpand,
 * hashall and interactive-comments on. Of the rest, the shell acts on errexit, nounset,
 * xtrace, pipefail and noglob; the others are remembered and listed, as a script sees them.
 */

/** [long name, letter] in o_options order. */
const OPTIONS: ReadonlyArray<readonly [string, string | null]> = [
  ['allexport', 'a'],
  ['braceexpand', 'B'],
  ['emacs', null],
  ['errexit', 'e'],
  ['errtrace', 'E'],
  ['functrace', 'T'],
  ['hashall', 'h'],
  ['histexpand', 'H'],
  ['history', null],
  ['ignoreeof', null],
  ['interactive-comments', null],
  ['keyword', 'k'],
  ['monitor', 'm'],
  ['noclobber', 'C'],
  ['noexec', 'n'],
  ['noglob', 'f'],
  ['nolog', null],
  ['notify', 'b'],
  ['nounset', 'u'],
  ['onecmd', 't'],
  ['physical', 'P'],
  ['pipefail', null],
  ['posix', null],
  ['privileged', 'p'],
  ['verbose', 'v'],
  ['vi', null],
  ['xtrace', 'x'],
];

/** The letters of `set -X` and $-, to their long names. */
export const OPTION_LETTERS: ReadonlyMap<string, string> = new Map(OPTIONS.filter(([, l]) => l !== null).map(([name, l]) => [l as string, name]));

/** $-'s order (flags.c: shell_flags): a b e f h i k m n p r t u v x B C E H P T. */
const FLAG_ORDER = 'abefhikmnprtuvxBCEHPT';

/** The long name NAME, if bash has such an option. */
export function optionByName(name: string): string | undefined {
  return OPTIONS.some(([n]) => n === name) ? name : undefined;
}

export class ShellOptions {
  private readonly on: Set<string>;

  constructor(on: Iterable<string> = ['braceexpand', 'hashall', 'interactive-comments']) {
    this.on = new Set(on);
  }

  copy(): ShellOptions {
    return new ShellOptions(this.on);
  }

  has(name: string): boolean {
    return this.on.has(name);
  }

  set(name: string, value: boolean): void {
    if (value) this.on.add(name);
    else this.on.delete(name);
  }

  /** The letters of the options on, as $- begins. */
  flags(): string {
    let out = '';
    for (const letter of FLAG_ORDER) {
      const name = OPTION_LETTERS.get(letter);
      if (name && this.on.has(name)) out += letter;
    }
    return out;
  }

  /** $SHELLOPTS: the options on, by name, in `set -o`'s order. */
  shellopts(): string {
    return OPTIONS.filter(([name]) => this.on.has(name)).map(([name]) => name).join(':');
  }

  /** `set -o`: each option and whether it is on. */
  listing(): string {
    return OPTIONS.map(([name]) => `${name.padEnd(15)}\t${this.on.has(name) ? 'on' : 'off'}\n`).join('');
  }

  /** `set +o`: the commands that would set the options as they are now. */
  commands(): string {
    return OPTIONS.map(([name]) => `set ${this.on.has(name) ? '-' : '+'}o ${name}\n`).join('');
  }
}
