/**
 * Linux's signals as bash 5.2 names them (kill -l, trap) and glibc's strsignal words them
 * (the job status bash prints when a child dies of one), with bash's rules for which
 * deaths it reports (jobs.c notify_of_job_status, built with DONT_REPORT_SIGPIPE and
 * DONT_REPORT_SIGTERM).
 */

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGKILL = 9;
export const SIGPIPE = 13;
export const SIGTERM = 15;

/** Signals 1-31 by number; 32 and 33 are glibc's own and bash does not list them. */
const NAMES = ['', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS'];
const TEXTS = ['', 'Hangup', 'Interrupt', 'Quit', 'Illegal instruction', 'Trace/breakpoint trap', 'Aborted', 'Bus error', 'Floating point exception', 'Killed', 'User defined signal 1', 'Segmentation fault', 'User defined signal 2', 'Broken pipe', 'Alarm clock', 'Terminated', 'Stack fault', 'Child exited', 'Continued', 'Stopped (signal)', 'Stopped', 'Stopped (tty input)', 'Stopped (tty output)', 'Urgent I/O condition', 'CPU time limit exceeded', 'File size limit exceeded', 'Virtual timer expired', 'Profiling timer expired', 'Window changed', 'I/O possible', 'Power failure', 'Bad system call'];

const SIGRTMIN = 34;
/** _NSIG - 1 */
export const SIGRTMAX = 64;

/** bash's name for signal N without "SIG" ("RTMIN+3", "RTMAX-1"), or undefined. */
export function signalName(n: number): string | undefined {
  if (n >= 1 && n < NAMES.length) return NAMES[n];
  if (n < SIGRTMIN || n > SIGRTMAX) return undefined;
  if (n === SIGRTMIN) return 'RTMIN';
  if (n === SIGRTMAX) return 'RTMAX';
  // bash names the lower half from RTMIN up, the upper half from RTMAX down
  return n - SIGRTMIN <= 15 ? `RTMIN+${n - SIGRTMIN}` : `RTMAX-${SIGRTMAX - n}`;
}

/** strsignal(3) of glibc 2.36. */
export function signalText(n: number): string {
  return TEXTS[n] ?? (n >= SIGRTMIN && n <= SIGRTMAX ? `Real-time signal ${n - SIGRTMIN}` : `Unknown signal ${n}`);
}

/** decode_signal(): a number or a name with or without SIG, any case; undefined when none. */
export function parseSignal(spec: string): number | undefined {
  if (/^[0-9]+$/.test(spec)) {
    const n = Number(spec);
    return n === 0 || signalName(n) !== undefined ? n : undefined;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  for (let n = 1; n <= SIGRTMAX; n++) if (signalName(n) === name) return n;
  return undefined;
}

/** `kill -l` (display_signal_list): five "%2d) SIGNAME" a line, tab-separated. */
export function signalList(): string {
  let out = '';
  let column = 0;
  for (let n = 1; n <= SIGRTMAX; n++) {
    const name = signalName(n);
    if (name === undefined) continue;
    out += `${String(n).padStart(2)}) SIG${name}`;
    if (++column < 5) out += '\t';
    else {
      out += '\n';
      column = 0;
    }
  }
  return column !== 0 ? out + '\n' : out;
}

/** Default actions that end a process (not ignore, stop or continue). */
export function terminates(n: number): boolean {
  return n > 0 && ![17, 18, 19, 20, 21, 22, 23, 28].includes(n);
}

/**
 * What bash prints when a child dies of SIGNAL: nothing for SIGINT and SIGPIPE; a foreground
 * job's SIGTERM as the bare text; any other death as "PREFIX  PID Text…  COMMAND" (the text
 * padded to 24 columns, pretty_print_job's JLIST_NONINTERACTIVE layout).
 */
export function deathReport(signal: number, foreground: boolean, prefix: string, pid: number, command: string): string {
  if (signal === SIGINT || signal === SIGPIPE) return '';
  if (signal === SIGTERM) return foreground ? `${signalText(signal)}\n` : '';
  return `${prefix}${String(pid).padStart(5)} ${signalText(signal).padEnd(24)}${command}\n`;
}
