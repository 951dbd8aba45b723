/**
 * id(1) of GNU coreutils 9.1: "uid=0(root) gid=0(root) groups=0(root)", -u -g -G with -n
 * and -r; USER looked up in /etc/passwd ("id: 'zzz': no such user").
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { getpwnam, getpwuid, groupName, supplementaryGroups } from './passwd';

const LONG: LongOption[] = [
  { name: 'user', has: 'none', key: 'u' },
  { name: 'group', has: 'none', key: 'g' },
  { name: 'groups', has: 'none', key: 'G' },
  { name: 'name', has: 'none', key: 'n' },
  { name: 'real', has: 'none', key: 'r' },
  { name: 'zero', has: 'none', key: 'z' },
  { name: 'context', has: 'none', key: 'Z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'agnruzGZ', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'id');
  }
  const o = new Set<string>();
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: id [OPTION]... [USER]...\nPrint user and group information for each specified USER,\nor (when USER omitted) for the current process.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('id (GNU coreutils) 9.1\n');
      return 0;
    }
    o.add(key);
  }
  const selectors = ['u', 'g', 'G'].filter((k) => o.has(k)).length;
  if (selectors > 1) {
    io.err('id: cannot print "only" of more than one choice\n');
    return 1;
  }
  if (selectors === 0 && (o.has('n') || o.has('r'))) {
    io.err('id: cannot print only names or real IDs in default format\n');
    return 1;
  }
  if (o.has('Z')) {
    io.err('id: --context (-Z) works only on an SELinux-enabled kernel\n');
    return 1;
  }
  const users = parsed.operands.length ? parsed.operands : [null];
  let status = 0;
  const eol = o.has('z') ? '\0' : '\n';
  for (const user of users) {
    const pw = user === null ? getpwuid(sys, sys.uid) : (getpwnam(sys, user) ?? (/^\+?[0-9]+$/.test(user) ? getpwuid(sys, Number(user)) : undefined));
    if (!pw && user !== null) {
      io.err(`id: '${user}': no such user\n`);
      status = 1;
      continue;
    }
    const uid = pw ? pw.uid : sys.uid;
    const gid = pw ? pw.gid : sys.uid;
    const groups = [gid, ...supplementaryGroups(sys, pw?.name ?? '').filter((g) => g !== gid)];
    const uname = (u: number): string => getpwuid(sys, u)?.name ?? String(u);
    const gname = (g: number): string => groupName(sys, g) ?? String(g);
    if (o.has('u')) io.out((o.has('n') ? uname(uid) : String(uid)) + eol);
    else if (o.has('g')) io.out((o.has('n') ? gname(gid) : String(gid)) + eol);
    else if (o.has('G')) io.out(groups.map((g) => (o.has('n') ? gname(g) : String(g))).join(o.has('z') ? '\0' : ' ') + eol);
    else {
      const named = (n: number, name: string | undefined): string => (name === undefined ? String(n) : `${n}(${name})`);
      io.out(`uid=${named(uid, getpwuid(sys, uid)?.name)} gid=${named(gid, groupName(sys, gid))} groups=${groups.map((g) => named(g, groupName(sys, g))).join(',')}\n`);
    }
  }
  return status;
}

export const id: Tool = { name: 'id', main, summary: 'print real and effective user and group IDs' };
