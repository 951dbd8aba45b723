/**
 * The programs' files in /usr/bin and /usr/sbin, as Debian 12 installs the packages of the
 * programs this machine runs (coreutils 9.1, bash, dash, kmod 30, procps, util-linux, grep,
 * sed, findutils, diffutils, mawk, file, iproute2, debianutils, make, sudo, busybox-static,
 * ncurses-bin, sysvinit-utils): each one's size, mode, mtime and what file(1) 5.44 says of it
 * (the real build ids: `file /usr/bin/kmod` in 22-lab-time-procs), and the packages' symlinks
 * (insmod → /bin/kmod, sh → dash, awk → /etc/alternatives/awk → mawk, pidof → /sbin/killall5).
 * Only these are listed, not the rest of those packages: a file in /usr/bin is a program that
 * runs here. Data: data/programs.json, written by scripts/record-programs.ts on a Debian 12
 * host. Shared read-only base data: no scope stores any of it.
 */
import data from './data/programs.json';

export interface ProgramFile {
  size: number;
  /** Permission bits with setuid (sudo: 0o4755). */
  mode: number;
  /** ms since the epoch: the package's build time, as dpkg unpacks it. */
  mtime: number;
  /** What `file -b` prints for it. */
  description: string;
}

export interface ProgramLink {
  /** Where it points, as readlink shows it. */
  target: string;
  mtime: number;
}

/** A file: [size, mode, mtime in s, file's text]; a symlink: [target, mtime in s]. */
const entries = Object.entries(data as Record<string, Array<string | number>>);

/** Canonical path → the program file there. */
export const programFiles: ReadonlyMap<string, ProgramFile> = new Map(
  entries.flatMap(([path, e]): Array<[string, ProgramFile]> =>
    e.length === 2 ? [] : [[path, { size: Number(e[0]), mode: Number(e[1]), mtime: Number(e[2]) * 1000, description: String(e[3]) }]],
  ),
);

/** Canonical path → the symlink there. */
export const programLinks: ReadonlyMap<string, ProgramLink> = new Map(
  entries.flatMap(([path, e]): Array<[string, ProgramLink]> => (e.length === 2 ? [[path, { target: String(e[0]), mtime: Number(e[1]) * 1000 }]] : [])),
);

/**
 * The first bytes of a program's file, all a read gets (the rest is not kept): the ELF
 * identification and header of an x86-64 executable, position-independent (ET_DYN) unless
 * file(1) calls it a plain executable (busybox-static: ET_EXEC), or a script's #! line.
 */
export function programHead(file: ProgramFile): string {
  if (!file.description.includes('ELF')) return '#! /bin/sh\n';
  const type = file.description.includes('pie executable') ? '\x03' : '\x02';
  return '\x7fELF\x02\x01\x01' + '\0'.repeat(9) + type + '\0\x3e\0\x01\0\0\0' + '\0'.repeat(40);
}
