/**
 * getpwnam/getpwuid/getgrgid over the machine's /etc/passwd and /etc/group, for id, whoami,
 * stat and ls: what glibc's files backend finds.
 */
import type { System } from './tool';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function table(sys: System, path: string): string[][] {
  const text = sys.fs.read(path);
  if (typeof text === 'number') return [];
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(':'));
}

export function passwdEntries(sys: System): PasswdEntry[] {
  return table(sys, '/etc/passwd').map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' }));
}

export function getpwuid(sys: System, uid: number): PasswdEntry | undefined {
  return passwdEntries(sys).find((e) => e.uid === uid);
}

export function getpwnam(sys: System, name: string): PasswdEntry | undefined {
  return passwdEntries(sys).find((e) => e.name === name);
}

export function groupName(sys: System, gid: number): string | undefined {
  return table(sys, '/etc/group').find((f) => Number(f[2]) === gid)?.[0];
}

/** Supplementary groups listing NAME in /etc/group's fourth field. */
export function supplementaryGroups(sys: System, name: string): number[] {
  return table(sys, '/etc/group').filter((f) => (f[3] ?? '').split(',').includes(name)).map((f) => Number(f[2]));
}
