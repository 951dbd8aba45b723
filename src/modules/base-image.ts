/**
 * The read-only base image of the disk: what a fresh Debian 12 machine with this kernel has
 * where a lab looks. Paths are canonical: Debian 12 has merged /usr, so /lib, /bin, /sbin
 * and /lib64 are symlinks into /usr (canonicalPath maps them).
 */
import type { ModuleImage } from '../kernel/image';
import { resolvePath } from '../kernel/filetree';
import { catalogImages, catalogPaths } from './catalog';
import { teachingImages } from './teaching';
import { teachingSources } from './teaching-sources';
import { ALIASES_CONF, GROUP, OS_RELEASE, PASSWD, SYSTEMD_CONF } from './modprobe-d';
import { programFiles, programLinks, type ProgramFile } from './programs';

export const RELEASE = '6.1.0-56-amd64';
/** /lib/modules/RELEASE in canonical form. */
export const MODDIR = `/usr/lib/modules/${RELEASE}`;
/** The package's build date (uname -v): mtime of every base file. */
export const BASE_MTIME = Date.UTC(2026, 10, 16, 0, 0, 0);

/** Index files depmod writes; their content is generated from the indexed .ko set (disk.ts). */
export const INDEX_FILES = [
  'modules.alias', 'modules.alias.bin', 'modules.builtin.alias.bin', 'modules.builtin.bin', 'modules.dep', 'modules.dep.bin',
  'modules.devname', 'modules.softdep', 'modules.symbols', 'modules.symbols.bin',
] as const;
/** Files of the kernel package itself in MODDIR (not written by depmod). */
export const PACKAGE_FILES = ['modules.builtin', 'modules.builtin.modinfo', 'modules.order'] as const;

/** The kernel headers package (linux-headers-RELEASE), where kbuild runs for external modules. */
export const HEADERS_DIR = `/usr/src/linux-headers-${RELEASE}`;
/** linux-headers-6.1.0-56-common: the architecture-independent half, whose Makefile kbuild reads. */
export const HEADERS_COMMON_DIR = '/usr/src/linux-headers-6.1.0-56-common';

/**
 * Symlinks of the base image (canonical link path → target as readlink shows it): merged
 * /usr, base-files' /etc/os-release, and the headers package's /lib/modules/RELEASE/build → HEADERS_DIR (an absolute
 * target, as `ls -l` shows it on Debian 12) with its scripts and tools links into linux-kbuild-6.1.
 */
const SYMLINKS: Record<string, string> = {
  '/bin': 'usr/bin',
  '/sbin': 'usr/sbin',
  '/lib': 'usr/lib',
  '/lib64': 'usr/lib64',
  [`${MODDIR}/build`]: HEADERS_DIR,
  [`${HEADERS_DIR}/scripts`]: '../../lib/linux-kbuild-6.1/scripts',
  [`${HEADERS_DIR}/tools`]: '../../lib/linux-kbuild-6.1/tools',
  // base-files: /etc/os-release → ../usr/lib/os-release (20-lab-tools).
  '/etc/os-release': '../usr/lib/os-release',
};

const normalize = (path: string): string => resolvePath('/', path);

/** link path + '/' → where it points + '/', longest first. */
const SYMLINK_PREFIXES: ReadonlyArray<[string, string]> = Object.entries(SYMLINKS)
  .map(([link, target]): [string, string] => {
    const resolved = target.startsWith('/') ? target : normalize(link.slice(0, link.lastIndexOf('/')) + '/' + target);
    return [link + '/', resolved === '/' ? '/' : resolved + '/'];
  })
  .sort((a, b) => b[0].length - a[0].length);

/** Map a path through the base image's symlinks (/lib/modules/R/build/x → /usr/src/linux-headers-R/x). */
export function canonicalPath(path: string): string {
  // A link's target may hold another link (/lib → usr/lib, then …/build): a few rounds.
  for (let round = 0; round < 8; round++) {
    let matched: [string, string] | undefined;
    for (const prefix of SYMLINK_PREFIXES) {
      if (path.startsWith(prefix[0])) {
        matched = prefix;
        break;
      }
    }
    if (!matched) return path;
    path = matched[1] + path.slice(matched[0].length);
  }
  return path;
}

/** Last components of the symlinks: a path ending otherwise is no link (stat's fast path). */
const LINK_NAMES = new Set(Object.keys(SYMLINKS).map((link) => link.slice(link.lastIndexOf('/') + 1)));

/** The target of the symlink at PATH (its directory resolved first), if it is one. */
export function symlinkAt(path: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(SYMLINKS, path)) return SYMLINKS[path];
  const slash = path.lastIndexOf('/');
  if (slash <= 0 || !LINK_NAMES.has(path.slice(slash + 1))) return undefined;
  const canonical = canonicalPath(path.slice(0, slash) + '/') + path.slice(slash + 1);
  return Object.prototype.hasOwnProperty.call(SYMLINKS, canonical) ? SYMLINKS[canonical] : undefined;
}

/** Names of the symlinks directly inside directory DIR (canonical). */
export function symlinksIn(dir: string): string[] {
  const prefix = dir === '/' ? '/' : dir + '/';
  return Object.keys(SYMLINKS)
    .filter((link) => link.startsWith(prefix) && !link.slice(prefix.length).includes('/'))
    .map((link) => link.slice(prefix.length));
}

export type BaseNode =
  /** mode: 0o755 unless given. */
  | { type: 'dir'; mode?: number }
  | { type: 'file'; content: string; mode: number }
  | { type: 'ko'; image: ModuleImage }
  | { type: 'generated'; name: string }
  /** An installed program's file (programs.ts), its path the key of programFiles. */
  | { type: 'program'; path: string; file: ProgramFile }
  /** A package's symlink to a file (insmod → /bin/kmod): a disk entry like any, so rm removes it. */
  | { type: 'symlink'; target: string; mtime: number };

function build(): Map<string, BaseNode> {
  const nodes = new Map<string, BaseNode>();
  const dir = (path: string) => {
    for (let p = path; p !== '' && !nodes.has(p); p = p.slice(0, p.lastIndexOf('/'))) nodes.set(p, { type: 'dir' });
  };
  const add = (path: string, node: BaseNode) => {
    dir(path.slice(0, path.lastIndexOf('/')));
    nodes.set(path, node);
  };
  nodes.set('/', { type: 'dir' });
  for (const d of ['/boot', '/etc', '/etc/alternatives', '/home', '/media', '/mnt', '/opt', '/root', '/run', '/srv', '/tmp', '/usr/bin', '/usr/sbin', '/usr/lib64', '/usr/local/bin', '/usr/local/sbin', '/usr/share', '/var/log', '/var/tmp', '/etc/modprobe.d']) dir(d);
  // Sticky and world-writable, as base-files makes them (the oracle's tmpfs on /tmp is 1777 too).
  for (const d of ['/tmp', '/var/tmp']) nodes.set(d, { type: 'dir', mode: 0o1777 });
  add('/etc/passwd', { type: 'file', content: PASSWD, mode: 0o644 });
  add('/etc/hostname', { type: 'file', content: 'modlab\n', mode: 0o644 });
  add('/etc/group', { type: 'file', content: GROUP, mode: 0o644 });
  add('/usr/lib/os-release', { type: 'file', content: OS_RELEASE, mode: 0o644 });
  // base-files 12.4+deb12u11 (23-lab-proc: cat /etc/debian_version)
  add('/etc/debian_version', { type: 'file', content: '12.11\n', mode: 0o644 });
  add('/usr/lib/modprobe.d/aliases.conf', { type: 'file', content: ALIASES_CONF, mode: 0o644 });
  add('/usr/lib/modprobe.d/systemd.conf', { type: 'file', content: SYSTEMD_CONF, mode: 0o644 });
  for (const image of teachingImages) {
    add(`/root/${image.name}.ko`, { type: 'ko', image });
    add(`${MODDIR}/extra/${image.name}.ko`, { type: 'ko', image });
  }
  // The headers package as `ls` shows its top (its .config and Module.symvers are not simulated).
  add(`${HEADERS_DIR}/Makefile`, { type: 'file', content: `include ${HEADERS_COMMON_DIR}/Makefile\n`, mode: 0o644 });
  for (const d of [`${HEADERS_DIR}/arch/x86`, `${HEADERS_DIR}/include`, `${HEADERS_COMMON_DIR}/include/linux`, `${HEADERS_COMMON_DIR}/scripts`, '/usr/lib/linux-kbuild-6.1/scripts', '/usr/lib/linux-kbuild-6.1/tools']) dir(d);
  for (const [path, content] of teachingSources) add(path, { type: 'file', content, mode: 0o644 });
  for (const [name, path] of catalogPaths) add(`${MODDIR}/${path}`, { type: 'ko', image: catalogImages.get(name) as ModuleImage });
  for (const name of [...INDEX_FILES, ...PACKAGE_FILES]) add(`${MODDIR}/${name}`, { type: 'generated', name });
  for (const [path, file] of programFiles) add(path, { type: 'program', path, file });
  for (const [path, link] of programLinks) add(path, { type: 'symlink', ...link });
  return nodes;
}

export const baseNodes: ReadonlyMap<string, BaseNode> = build();

let children: Map<string, string[]> | undefined;

/** The paths of the base nodes directly inside directory DIR (canonical), so a listing reads only that directory's entries, not the whole tree's. */
export function baseChildren(dir: string): readonly string[] {
  if (!children) {
    children = new Map();
    for (const path of baseNodes.keys()) {
      if (path === '/') continue;
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const list = children.get(parent);
      if (list) list.push(path);
      else children.set(parent, [path]);
    }
  }
  return children.get(dir) ?? [];
}

/** Relative paths (to MODDIR) of the .ko files the shipped index lists: the base image's. */
export const baseIndexed: readonly string[] = [...baseNodes.entries()]
  .filter(([path, node]) => node.type === 'ko' && path.startsWith(MODDIR + '/'))
  .map(([path]) => path.slice(MODDIR.length + 1));
