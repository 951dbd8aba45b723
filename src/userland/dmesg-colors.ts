/**
 * dmesg's colours as util-linux 2.38.1 prints them (sys-utils/dmesg.c dmesg_colors[],
 * lib/colors.c, lib/color-names.c). Output here is never a terminal, so only --color=always
 * colours: colors_init() turns every other mode into "never" when stdout is not a tty, and
 * terminal-colors.d's enable/disable files are read only for the undefined mode. The scheme
 * file is read all the same (colors_get_scheme): the best-scoring "[dmesg][@TERM].scheme" in
 * ~/.config/terminal-colors.d, or /etc/terminal-colors.d when that directory is missing.
 * Recorded in 24-dmesg-options.
 */
import type { System } from './tool';

export const COLOR_RESET = '\x1b[0m';

/** dmesg_colors[]: logical name → default sequence. */
export const DMESG_COLORS = {
  subsys: '\x1b[33m',
  time: '\x1b[32m',
  timebreak: '\x1b[32m\x1b[1m',
  alert: '\x1b[7m\x1b[31m',
  crit: '\x1b[1m\x1b[31m',
  err: '\x1b[31m',
  warn: '\x1b[1m',
  segfault: '\x1b[2m\x1b[31m',
} as const;
export type DmesgColor = keyof typeof DMESG_COLORS;

/** color_sequence_from_colorname(): basic_schemes[] (with its "lightgray," typo). */
const COLOR_NAMES: Readonly<Record<string, string>> = {
  black: '\x1b[30m',
  blink: '\x1b[5m',
  blue: '\x1b[34m',
  bold: '\x1b[1m',
  brown: '\x1b[33m',
  cyan: '\x1b[36m',
  darkgray: '\x1b[1;30m',
  gray: '\x1b[37m',
  green: '\x1b[32m',
  halfbright: '\x1b[2m',
  lightblue: '\x1b[1;34m',
  lightcyan: '\x1b[1;36m',
  'lightgray,': '\x1b[37m',
  lightgreen: '\x1b[1;32m',
  lightmagenta: '\x1b[1;35m',
  lightred: '\x1b[1;31m',
  magenta: '\x1b[35m',
  red: '\x1b[31m',
  reset: '\x1b[0m',
  reverse: '\x1b[7m',
  yellow: '\x1b[1;33m',
  white: '\x1b[1;37m',
};

const ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', _: ' ', '#': '#', '?': '?' };

/** cn_sequence(): a colour name, or "xx;yy" made "\033[xx;yym" with backslash escapes. */
function sequence(text: string): string | undefined {
  if (/^[A-Za-z]/.test(text)) return COLOR_NAMES[text];
  return `\x1b[${text}m`.replace(/\\(.)/g, (all, c: string) => ESCAPES[c] ?? all);
}

/**
 * filename_to_tokens() + colors_readdir(): the scheme file with the best score
 * (1, +20 for "dmesg", +10 for "@TERM"); among equals the last one readdir returns.
 */
function schemeFile(sys: System, dir: string): string | undefined {
  const names = sys.fs.list(dir);
  if (typeof names === 'number') return undefined;
  const term = sys.env.TERM ?? '';
  let best = 0;
  let file: string | undefined;
  for (const name of names) {
    if (name.startsWith('.') || !name.endsWith('.scheme')) continue;
    const base = name.slice(0, -'.scheme'.length);
    const at = base.indexOf('@');
    const util = at < 0 ? base : base.slice(0, at);
    const tty = at < 0 ? undefined : base.slice(at + 1);
    const score = 1 + (util !== '' ? 20 : 0) + (tty !== undefined ? 10 : 0);
    if (score < best) continue;
    if (util !== '' && util !== 'dmesg') continue;
    if (tty !== undefined && (term === '' || tty !== term)) continue;
    best = score;
    file = `${dir}/${name}`;
  }
  return file;
}

/** The colours this run uses: the defaults, overridden by the scheme file's lines. */
export function dmesgColors(sys: System): Record<DmesgColor, string> {
  const colors: Record<DmesgColor, string> = { ...DMESG_COLORS };
  const home = sys.env.XDG_CONFIG_HOME ? `${sys.env.XDG_CONFIG_HOME}/terminal-colors.d` : `${sys.env.HOME ?? '/root'}/.config/terminal-colors.d`;
  const dir = typeof sys.fs.list(sys.resolve(home)) === 'number' ? '/etc/terminal-colors.d' : sys.resolve(home);
  const file = schemeFile(sys, dir);
  const text = file === undefined ? undefined : sys.fs.read(file);
  if (typeof text !== 'string') return colors;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([^ ]{1,128}) ([^\n ]{1,128})/.exec(line);
    if (!m) continue;
    const seq = sequence(m[2]);
    // An unknown colour name ends the file's reading (colors_add_scheme's -EINVAL).
    if (seq === undefined) break;
    if (m[1] in colors) colors[m[1] as DmesgColor] = seq;
  }
  return colors;
}
