/**
 * Converts test/fixtures/transcripts/sysfs-builtins.txt (a fresh boot of the real Debian
 * kernel under the oracle: `ls /sys/module`, `ls -l /sys/module/*\/parameters/`, each
 * directory's listing, `grep -r . /sys/module/*\/parameters/`, `cat /sys/module/*\/version`)
 * into src/modules/data/sysfs-builtin.json: which built-ins have a /sys/module directory,
 * their parameters' permissions and values, their versions.
 *
 *   npx tsc -p . && node dist/scripts/build-sysfs-builtins.js
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const text = fs.readFileSync(path.join(root, 'test/fixtures/transcripts/sysfs-builtins.txt'), 'utf8');

/** The output of the step whose command starts with PREFIX. */
function output(prefix: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`$ ${prefix}`));
  if (start < 0) throw new Error(`no step ${prefix}`);
  const out: string[] = [];
  for (let i = start + 1; i < lines.length && !/^\[exit \d+\]$/.test(lines[i]); i++) out.push(lines[i]);
  return out;
}

function perm(mode: string): number {
  let p = 0;
  for (const c of mode.slice(1, 10)) p = (p << 1) | (c === '-' ? 0 : 1);
  return p;
}

interface Param { name: string; perm: number; value?: string }
interface Entry { name: string; params: Param[]; version?: string; drivers?: boolean }

const names = output('ls /sys/module').filter((l) => l !== '');
const entries = new Map<string, Entry>(names.map((n) => [n, { name: n, params: [] }]));

let current: Entry | undefined;
for (const l of output('ls -l /sys/module/*/parameters/')) {
  const dir = /^\/sys\/module\/([^/]+)\/parameters\/:$/.exec(l);
  if (dir) current = entries.get(dir[1]);
  const file = /^(-[rwx-]{9}) .* (\S+)$/.exec(l);
  if (file && current) current.params.push({ name: file[2], perm: perm(file[1]) });
}

let listing: Entry | undefined;
const withVersion: string[] = [];
for (const l of output('for m in /sys/module/*')) {
  const head = /^== \/sys\/module\/(.+)$/.exec(l);
  if (head) listing = entries.get(head[1]);
  else if (l === 'version' && listing) withVersion.push(listing.name);
  else if (l === 'drivers' && listing) listing.drivers = true;
}
const versions = output('cat /sys/module/*/version');
withVersion.forEach((n, i) => {
  const e = entries.get(n);
  if (e) e.version = versions[i];
});

for (const l of output('grep -r . /sys/module/*/parameters/')) {
  const m = /^\/sys\/module\/([^/]+)\/parameters\/([^:]+):(.*)$/.exec(l);
  const p = m ? entries.get(m[1])?.params.find((x) => x.name === m[2]) : undefined;
  if (m && p) p.value = m[3];
}

const out = path.join(root, 'src/modules/data/sysfs-builtin.json');
fs.writeFileSync(out, JSON.stringify([...entries.values()]) + '\n');
console.log(`${out}: ${entries.size} built-ins`);
