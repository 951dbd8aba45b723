/**
 * `make -C … M=DIR clean` as the 6.1 headers' Makefile does it (Makefile:1939-2088 and
 * scripts/Makefile.clean): first the M directory's own clean-files (and extra-y, always-y …)
 * under one "CLEAN   DIR" line, then its rm-files (Module.symvers, modules.nsdeps,
 * compile_commands.json, those that exist, on one CLEAN line), then a silent find over DIR
 * and everything under it that removes files by name — build products, but also a student's
 * `notes.s` or `lib.a` (00c-kbuild-paths: cleanme). Links and directories stay; version
 * control directories are not entered.
 */
import type { System } from '../tool';

/** The rm-files of the external module's clean, in the Makefile's order. */
export const RM_FILES = ['Module.symvers', 'modules.nsdeps', 'compile_commands.json'];

/** The -name patterns of the clean target's find (Makefile:2075-2087). */
const FIND_NAMES = [
  '*.[aios]', '*.rsi', '*.ko', '.*.cmd', '*.ko.*', '*.dtb', '*.dtbo', '*.dtb.S', '*.dt.yaml', '*.dwo', '*.lst', '*.su', '*.mod', '*.usyms',
  '.*.d', '.*.tmp', '*.mod.c', '*.lex.c', '*.tab.[ch]', '*.asn1.[ch]', '*.symtypes', 'modules.order', '.tmp_*', '*.c.[012]*.*', '*.ll', '*.gcno',
  '*.*.symversions',
];

/** RCS_FIND_IGNORE: what find prunes. */
const PRUNED = new Set(['SCCS', 'BitKeeper', '.svn', 'CVS', '.pc', '.hg', '.git']);

/** A find -name glob as a regular expression (fnmatch without FNM_PERIOD: `*` matches a leading dot). */
function globRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      re += glob.slice(i, end + 1);
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const PATTERNS = FIND_NAMES.map(globRegex);

/** Whether the clean target's find removes a file of this name. */
export function cleanedByName(name: string): boolean {
  return PATTERNS.some((re) => re.test(name));
}

/**
 * The regular files under DIR (pruned directories not entered) that find would remove. Links
 * are not followed (lstat), so the walk ends; the scope's disk quota bounds how many entries
 * there can be.
 */
export function foundForClean(sys: System, dir: string): string[] {
  const out: string[] = [];
  const names = sys.fs.list(dir);
  if (typeof names === 'number') return out;
  for (const name of names) {
    if (PRUNED.has(name)) continue;
    const path = `${dir === '/' ? '' : dir}/${name}`;
    const st = sys.fs.stat(path);
    if (typeof st === 'number') continue;
    if (st.type === 'dir') out.push(...foundForClean(sys, path));
    else if (st.type === 'file' && cleanedByName(name)) out.push(path);
  }
  return out;
}
