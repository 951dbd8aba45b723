/**
 * Records the installed files of the programs this machine runs, as Debian 12 installs them
 * (their packages' paths, sizes, modes, mtimes, symlink targets and what file(1) 5.44 says of
 * them), for ls -l, stat and file (22-lab-time-procs: `file /usr/bin/kmod` shows kmod
 * 30+20221128-1's BuildID). Run on a Debian 12 host whose packages are the oracle guest's
 * (check the build ids of /usr/bin/kmod and /usr/bin/bash against the recording), with any
 * package the host lacks extracted into an extra root:
 *
 *   apt-get download sudo && dpkg-deb -x sudo_*.deb /tmp/sudo-root
 *   npx tsc -p . && node dist/scripts/record-programs.js /tmp/sudo-root
 *
 * writes src/modules/data/programs.json: { "/usr/bin/cat": [size, mode, mtime, "file text"],
 * "/usr/sbin/insmod": ["/bin/kmod", mtime], … }: a program's file, or where a symlink points. Links are
 * followed to their targets (kmod, dash, /etc/alternatives/awk → mawk), which are recorded too.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { tools } from '../src/userland/index';

/**
 * Alternatives as a fresh Debian 12 sets them, whatever this host chose: awk is mawk (priority
 * 5; gawk, if installed, would win with 10), the awk this machine runs.
 */
const ALTERNATIVES: Readonly<Record<string, string>> = { '/etc/alternatives/awk': '/usr/bin/mawk' };

/** bash's builtins that are tools here but no files on Debian. */
const BUILTINS = new Set(['history', 'help']);

function main(): void {
  const roots = ['/', ...process.argv.slice(2)];
  const out: Record<string, [number, number, number, string] | [string, number]> = {};
  const find = (p: string): string | undefined => roots.map((r) => path.join(r, p)).find((f) => fs.existsSync(f) || isLink(f));
  const isLink = (f: string): boolean => {
    try {
      return fs.lstatSync(f).isSymbolicLink();
    } catch {
      return false;
    }
  };
  const record = (p: string): void => {
    if (out[p] !== undefined) return;
    const f = find(p);
    if (!f) throw new Error(`${p}: on no root`);
    const st = fs.lstatSync(f);
    if (st.isSymbolicLink()) {
      const target = ALTERNATIVES[p] ?? fs.readlinkSync(f);
      // an alternative set here anew keeps the date the system's others were made (its install)
      const made = ALTERNATIVES[p] === undefined ? st : fs.lstatSync('/etc/alternatives/which');
      out[p] = [target, Math.floor(made.mtimeMs / 1000)];
      const resolved = path.resolve(path.dirname(p), target).replace(/^\/(bin|sbin)\//, '/usr/$1/');
      record(resolved);
      return;
    }
    const text = spawnSync('file', ['-b', f], { encoding: 'utf8' }).stdout.trim();
    out[p] = [st.size, st.mode & 0o7777, Math.floor(st.mtimeMs / 1000), text];
  };
  for (const tool of tools) {
    if (BUILTINS.has(tool.name)) continue;
    const places = ['/usr/bin', '/usr/sbin'].map((d) => `${d}/${tool.name}`).filter((p) => find(p));
    if (places.length === 0) throw new Error(`${tool.name}: installed nowhere`);
    for (const p of places) record(p);
  }
  // kmod itself: every kmod tool is a link to it
  record('/usr/bin/kmod');
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  const target = path.resolve(__dirname, '../../src/modules/data/programs.json');
  fs.writeFileSync(target, JSON.stringify(sorted, null, 0).replace(/\],"/g, '],\n"') + '\n');
}

if (require.main === module) main();
