/**
 * A student who types `vim lkm.c` or `gcc lkm.c` meets bash's real answer (`bash: line 1: vim:
 * command not found`, status 127): Debian's minimal machine here has no editor and no compiler
 * to run by hand. The terminal text stays exactly that; the chat reply adds one line after it,
 * outside the terminal, saying what to use instead. The machine's output, the history and the
 * fidelity replay never see the hint.
 */
import type { Block } from '../src/contracts/reply';

/** Editors a student may reach for: /edit does their job. */
export const EDITORS: readonly string[] = ['vi', 'vim', 'nano', 'emacs', 'ed', 'pico', 'joe', 'micro'];
/** Compilers a student may call by hand: kbuild's make runs the compiler. */
export const COMPILERS: readonly string[] = ['gcc', 'cc', 'clang', 'tcc'];

/**
 * The programs bash (`bash: line N: X: command not found`), sudo (`sudo: X: command not found`)
 * or a make recipe (`make: X: No such file or directory`) could not find in OUTPUT.
 */
function missingPrograms(output: string): string[] {
  const found: string[] = [];
  // Every reply passes here: a dmesg of a full ring is hundreds of lines, and most outputs have neither ending.
  if (!output.includes(': command not found') && !output.includes(': No such file or directory')) return found;
  for (const line of output.split('\n')) {
    const m =
      /^bash: line \d+: ([^:\s]+): command not found$/.exec(line) ??
      /^sudo: ([^:\s]+): command not found$/.exec(line) ??
      /^make(?:\[\d+\])?: ([^:\s]+): No such file or directory$/.exec(line);
    if (m) found.push(m[1].replace(/^.*\//, ''));
  }
  return found;
}

/** The one line to add after BLOCKS when they show a missing editor or compiler, else undefined. */
export function missingToolHint(blocks: readonly Block[]): Block | undefined {
  const missing = blocks.flatMap((b) => (b.kind === 'terminal' ? missingPrograms(b.output) : []));
  const editor = missing.find((p) => EDITORS.includes(p));
  const compiler = missing.find((p) => COMPILERS.includes(p));
  if (editor) {
    return { kind: 'text', text: `Modlab's machine has no ${editor}: open a file in a text box with \`/edit FILE\` (e.g. \`/edit lkm.c\`), or write it with \`cat > FILE <<'EOF'\`.` };
  }
  if (compiler) {
    return { kind: 'text', text: `Modlab's machine runs no ${compiler} by hand: write a Makefile with \`obj-m += lkm.o\` and a rule running \`make -C /lib/modules/$(uname -r)/build M=$(PWD) modules\`, then run \`make\`: kbuild compiles the module.` };
  }
  return undefined;
}
