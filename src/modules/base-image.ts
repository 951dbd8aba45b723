/**
 * The read-only base image of the disk: what a fresh Debian 12 machine with this kernel has
 * where a lab looks. Paths are canonical: Debian 12 has merged /usr, so /lib, /bin, /sbin
 * and /lib64 are symlinks into /usr (canonicalPath maps them).
 */
import type { ModuleImage } from '../kernel/image';
import { catalogImages, catalogPaths } from './catalog';
import { teachingImages } from './teaching';
import { ALIASES_CONF, GROUP, OS_RELEASE, PASSWD, SYSTEMD_CONF } from './modprobe-d';

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

const MERGED_USR: Record<string, string> = { '/bin': 'usr/bin', '/sbin': 'usr/sbin', '/lib': 'usr/lib', '/lib64': 'usr/lib64' };
/** Every symbolic link of the base image: merged /usr, and base-files' /etc/os-release. */
const SYMLINKS: Record<string, string> = { ...MERGED_USR, '/etc/os-release': '../usr/lib/os-release' };

/** Map a path through the merged-/usr symlinks (/lib/modules → /usr/lib/modules). */
const SYMLINK_PREFIXES: ReadonlyArray<[string, string]> = Object.entries(MERGED_USR).map(([link, target]) => [link + '/', '/' + target + '/']);

/** The base image's links in directory DIR (names only). */
export function symlinksIn(dir: string): string[] {
  const prefix = dir === '/' ? '/' : dir + '/';
  return Object.keys(SYMLINKS)
    .filter((l) => l.startsWith(prefix) && !l.slice(prefix.length).includes('/'))
    .map((l) => l.slice(prefix.length));
}

export function canonicalPath(path: string): string {
  for (const [prefix, target] of SYMLINK_PREFIXES) {
    if (path.startsWith(prefix)) return target + path.slice(prefix.length);
  }
  return path;
}

export function symlinkAt(path: string): string | undefined {
  return SYMLINKS[path];
}

export type BaseNode =
  | { type: 'dir' }
  | { type: 'file'; content: string; mode: number }
  | { type: 'ko'; image: ModuleImage }
  | { type: 'generated'; name: string };

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
  for (const d of ['/boot', '/etc', '/home', '/media', '/mnt', '/opt', '/root', '/run', '/srv', '/tmp', '/usr/bin', '/usr/sbin', '/usr/lib64', '/usr/local/bin', '/usr/local/sbin', '/usr/share', '/var/log', '/var/tmp', '/etc/modprobe.d']) dir(d);
  add('/etc/passwd', { type: 'file', content: PASSWD, mode: 0o644 });
  add('/etc/hostname', { type: 'file', content: 'modlab\n', mode: 0o644 });
  add('/etc/group', { type: 'file', content: GROUP, mode: 0o644 });
  add('/usr/lib/os-release', { type: 'file', content: OS_RELEASE, mode: 0o644 });
  add('/usr/lib/modprobe.d/aliases.conf', { type: 'file', content: ALIASES_CONF, mode: 0o644 });
  add('/usr/lib/modprobe.d/systemd.conf', { type: 'file', content: SYSTEMD_CONF, mode: 0o644 });
  for (const image of teachingImages) {
    add(`/root/${image.name}.ko`, { type: 'ko', image });
    add(`${MODDIR}/extra/${image.name}.ko`, { type: 'ko', image });
  }
  for (const [name, path] of catalogPaths) add(`${MODDIR}/${path}`, { type: 'ko', image: catalogImages.get(name) as ModuleImage });
  for (const name of [...INDEX_FILES, ...PACKAGE_FILES]) add(`${MODDIR}/${name}`, { type: 'generated', name });
  return nodes;
}

export const baseNodes: ReadonlyMap<string, BaseNode> = build();

/** Relative paths (to MODDIR) of the .ko files the shipped index lists: the base image's. */
export const baseIndexed: readonly string[] = [...baseNodes.entries()]
  .filter(([path, node]) => node.type === 'ko' && path.startsWith(MODDIR + '/'))
  .map(([path]) => path.slice(MODDIR.length + 1));
