/**
 * The `time` reserved word of bash 5.2 (execute_cmd.c time_command, print_formatted_time):
 * after the pipeline ends, its elapsed real time and the CPU time it used, formatted by
 * $TIMEFORMAT (unset: bash's default; set but empty: nothing) or, with -p, by POSIX's.
 * %[p][l]R, U, S: real, user, system seconds with p decimals (0-3, default 3), l for
 * "MmS.FFFs"; %P: CPU percentage; %%: a percent sign. The machine's programs use no CPU
 * time worth counting, so user and sys are zero; real is the machine clock's advance.
 */

const DEFAULT_FORMAT = '\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS';
const POSIX_FORMAT = 'real %2R\nuser %2U\nsys %2S';

export interface Times {
  /** Milliseconds each. */
  real: number;
  user: number;
  sys: number;
}

/** mkfmt(): seconds with PREC decimals (truncated, as bash divides), in "MmS.Fs" when LONG. */
function mkfmt(ms: number, prec: number, long: boolean): string {
  const total = Math.max(0, Math.floor(ms));
  let secs = Math.floor(total / 1000);
  const frac = total % 1000;
  let out = '';
  if (long) {
    out += `${Math.floor(secs / 60)}m`;
    secs %= 60;
  }
  out += String(secs);
  if (prec > 0) out += '.' + String(frac).padStart(3, '0').slice(0, prec);
  return long ? out + 's' : out;
}

/**
 * The report for TIMES, or an error: bash stops at an unknown format character and prints
 * only "TIMEFORMAT: `C': invalid format character".
 */
export function formatTimes(times: Times, posix: boolean, timeformat: string | undefined): { text: string } | { error: string } {
  const format = posix ? POSIX_FORMAT : timeformat ?? DEFAULT_FORMAT;
  if (format === '') return { text: '' };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    i++;
    if (format[i] === '%') {
      out += '%';
      continue;
    }
    let prec = 3;
    if (format[i] !== undefined && /[0-9]/.test(format[i])) prec = Math.min(3, Number(format[i++]));
    const long = format[i] === 'l';
    if (long) i++;
    const spec = format[i];
    if (spec === 'R') out += mkfmt(times.real, prec, long);
    else if (spec === 'U') out += mkfmt(times.user, prec, long);
    else if (spec === 'S') out += mkfmt(times.sys, prec, long);
    else if (spec === 'P') out += times.real > 0 ? (((times.user + times.sys) * 100) / times.real).toFixed(2) : '0.00';
    else return { error: `TIMEFORMAT: \`${spec ?? ''}': invalid format character\n` };
  }
  return { text: out + '\n' };
}
