/**
 * `set -x` / `bash -x`: the trace line bash prints on stderr before a simple command runs,
 * after expansion and before its redirections (print_cmd.c: xtrace_print_word_list,
 * xtrace_print_assignment). PS4's first character repeats once per level of indirection,
 * so a command substitution's commands show as `++ …`.
 */

/** sh_contains_shell_metas (lib/sh/shquote.c): a word that needs quoting to read back. */
export function containsShellMetas(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (' \t\n\'"\\|&;()<>!{}*[?]^$`'.includes(c)) return true;
    if (c === '~' && (i === 0 || word[i - 1] === '=' || word[i - 1] === ':')) return true;
    if (c === '#' && i === 0) return true;
  }
  return false;
}

/** sh_single_quote: 'it'\''s'. */
function singleQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function traceWord(word: string): string {
  if (word === '') return "''";
  return containsShellMetas(word) ? singleQuote(word) : word;
}

/** PS4 as bash prints it at indirection LEVEL: its first character repeated once per level. */
export function tracePrompt(ps4: string, level: number): string {
  return ps4 === '' ? '' : ps4[0].repeat(Math.max(0, level - 1)) + ps4;
}

/** The line `+ A=1 cmd 'two words'` for a command's assignments and words. */
export function traceLine(ps4: string, level: number, assignments: ReadonlyArray<readonly [string, string]>, argv: readonly string[]): string {
  const prompt = tracePrompt(ps4, level);
  const parts = [
    ...assignments.map(([name, value]) => `${name}=${value === '' || !containsShellMetas(value) ? value : singleQuote(value)}`),
    ...argv.map(traceWord),
  ];
  return `${prompt}${parts.join(' ')}\n`;
}
