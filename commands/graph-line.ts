/**
 * `lsmod --graph`, typed as a whole message (in /sh, a mention, the terminal chat), is
 * Modlab's picture of the module graph. Only the whole line: inside a pipe or a script it
 * is kmod's lsmod, which has no --graph and says so.
 */
export function isGraphLine(line: string): boolean {
  return /^\s*lsmod\s+--graph\s*$/.test(line);
}
