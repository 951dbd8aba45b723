/**
 * What make and kbuild share: how deep a make runs (MAKELEVEL and its name in messages,
 * `make[1]`), the command line's variables, and directory names as the kernel resolves them.
 */
import type { System } from '../tool';
import { resolvePath } from '../../kernel/filetree';

export interface MakeInvocation {
  /** MAKELEVEL: 0 for the make typed at the shell. */
  level: number;
  /** Variables from the command line (passed on to sub-makes, as MAKEFLAGS does). */
  overrides: Map<string, string>;
  /** -s, which MAKEFLAGS passes on too (and which turns -w off). */
  silent?: boolean;
  /** -w (true) or --no-print-directory (false), the last given; MAKEFLAGS passes it on too. */
  printDirectory?: boolean;
}

export function makeName(level: number): string {
  return level === 0 ? 'make' : `make[${level}]`;
}

/** The directory as the kernel resolves it (getcwd after chdir: no symlinks left). */
export function realDir(sys: System, path: string): string {
  let p = path;
  for (let round = 0; round < 8; round++) {
    const parts = p.split('/').filter((x) => x !== '');
    let cur = '';
    let changed = false;
    for (let i = 0; i < parts.length; i++) {
      const next = `${cur}/${parts[i]}`;
      const st = sys.fs.stat(next);
      if (typeof st !== 'number' && st.type === 'symlink' && st.target !== undefined) {
        const base = st.target.startsWith('/') ? st.target : `${cur}/${st.target}`;
        p = normalize(`${base}/${parts.slice(i + 1).join('/')}`);
        changed = true;
        break;
      }
      cur = next;
    }
    if (!changed) return cur === '' ? '/' : cur;
  }
  return p;
}

/** PATH normalised lexically (no symlinks resolved). */
export function normalize(path: string): string {
  return resolvePath('/', path);
}
