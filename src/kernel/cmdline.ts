/**
 * The kernel command line (/proc/cmdline): the oracle boots with "console=ttyS0 panic=-1";
 * a scenario may append more (07c-sig-enforce: module.sig_enforce=1).
 */
export const DEFAULT_CMDLINE = 'console=ttyS0 panic=-1';

export function bootCmdline(extra: string): string {
  const e = extra.trim();
  return e === '' ? DEFAULT_CMDLINE : `${DEFAULT_CMDLINE} ${e}`;
}

/** The value of NAME=VALUE on the command line (the last one wins); null for a bare NAME. */
export function cmdlineParam(cmdline: string, name: string): string | null | undefined {
  let found: string | null | undefined;
  for (const word of cmdline.split(/\s+/)) {
    if (word === '') continue;
    const eq = word.indexOf('=');
    const key = (eq < 0 ? word : word.slice(0, eq)).replace(/-/g, '_');
    if (key !== name.replace(/-/g, '_')) continue;
    found = eq < 0 ? null : word.slice(eq + 1);
  }
  return found;
}
