/**
 * A simple command as bash prints it in a job report ("[1]+  Done    sleep 1 > /dev/null",
 * "Segmentation fault      insmod x.ko"): bash keeps no source text but prints the parsed
 * command again (print_cmd.c: make_command_string). Assignments, then the words as typed
 * (quotes kept), one space apart; then each redirection in the order written, spaced as
 * print_redirection does: "> f", "2> f", ">> f", "< f", "&> f", "<<< w", a duplication with its
 * descriptor and no space ("2>&1", "1>&2", "3>&-", "4<&0"). Recorded with bash 5.2 in
 * test/fixtures/host/job-lines.lines. Where print_cmd.c's form is not known here (a
 * here-document, a duplication onto a word), the command is shown as typed.
 */
import type { Redirect } from './ast';

function redirection(r: Redirect): string | undefined {
  const word = r.target.raw;
  const fd = (dflt: number): string => (r.fd === dflt ? '' : String(r.fd));
  switch (r.op) {
    case '>': return `${fd(1)}> ${word}`;
    case '>>': return `${fd(1)}>> ${word}`;
    case '>|': return `${fd(1)}>| ${word}`;
    case '<': return `${fd(0)}< ${word}`;
    case '<>': return `${fd(0)}<> ${word}`;
    case '&>': return `&> ${word}`;
    case '&>>': return `&>> ${word}`;
    case '<<<': return `${fd(0)}<<< ${word}`;
    case '>&':
    case '<&':
      return /^(\d+|-)$/.test(word) ? `${r.fd}${r.op}${word}` : undefined;
  }
}

/** The command's printed form, or TYPED when it holds a redirection printed in a way not known here. */
export function commandText(assignments: readonly string[], words: readonly string[], redirects: readonly Redirect[], typed: string): string {
  const parts = [...assignments, ...words];
  for (const r of redirects) {
    const text = r.heredoc ? undefined : redirection(r);
    if (text === undefined) return typed;
    parts.push(text);
  }
  return parts.join(' ');
}
