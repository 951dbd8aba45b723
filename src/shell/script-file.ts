/**
 * What running a file that is no program of ours does: the kernel's binfmt_script reads a
 * "#!" line (fs/binfmt_script.c of 6.1: the interpreter, then at most one argument, the rest
 * of the line trimmed), and where the kernel answers ENOEXEC bash runs the file itself as a
 * script, unless it looks binary (a NUL in its first line, as bash's check_binary_file).
 */

/** binfmt_script reads the "#!" line from the first BINPRM_BUF_SIZE bytes. */
const BINPRM_BUF_SIZE = 256;

export type ScriptKind =
  /** "#!INTERP [ARG]": the kernel runs INTERP [ARG] FILE ARGS…. */
  | { kind: 'interpreter'; interpreter: string; arg?: string }
  /** No "#!": ENOEXEC, and bash reads the file as a script of its own. */
  | { kind: 'shell-script' }
  /** Bytes bash will not read as a script. */
  | { kind: 'binary' };

export function scriptKind(text: string): ScriptKind {
  if (text.startsWith('#!')) {
    const head = text.slice(2, BINPRM_BUF_SIZE);
    const end = head.indexOf('\n');
    // No newline within the buffer: the line is whole only if nothing of the interpreter was cut.
    const line = (end >= 0 ? head.slice(0, end) : head).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    const m = /^([^ \t]+)(?:[ \t]+(.*))?$/s.exec(line);
    if (m && (end >= 0 || /[ \t]/.test(line) || text.length <= BINPRM_BUF_SIZE)) {
      return m[2] === undefined || m[2] === '' ? { kind: 'interpreter', interpreter: m[1]! } : { kind: 'interpreter', interpreter: m[1]!, arg: m[2] };
    }
    if (!m) return { kind: 'shell-script' };
  }
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  return firstLine.includes('\0') || text.startsWith('\x7fELF') ? { kind: 'binary' } : { kind: 'shell-script' };
}
