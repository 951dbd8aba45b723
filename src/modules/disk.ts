/**
 * The disk as a FileTree: the read-only base image (base-image.ts) with the scope's changes
 * (DiskState) laid over it. Writes, unlink, mkdir, rename and copy go into the DiskState;
 * copying a .ko keeps its image id, so the copy loads. The modules.* index files in
 * /lib/modules/RELEASE are generated from the indexed .ko set (DiskState.indexed, or the
 * base set) in depmod's formats (depmod-index.ts).
 */
import type { Clock } from '../contracts/clock';
import type { FileStat, FileTree } from '../kernel/filetree';
import type { ModuleImage } from '../kernel/image';
import { EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY } from '../kernel/errno';
import type { DiskNode, DiskState } from './disk-state';
import { BASE_MTIME, MODDIR, baseIndexed, baseNodes, canonicalPath, symlinkAt } from './base-image';
import type { BaseNode } from './base-image';
import { builtinList, builtinModinfoRecords } from './builtin';
import { catalogOrder } from './catalog';
import { runDepmod } from './depmod-index';
import type { DepmodOutput, IndexedModule } from './depmod-index';

/** First bytes of an ELF64 relocatable object: what `od -c` shows of a .ko. */
const ELF_HEAD = '\x7fELF\x02\x01\x01' + '\0'.repeat(9) + '\x01\0\x3e\0\x01\0\0\0' + '\0'.repeat(40);
/** kmod index files start with magic 0xB007F457, version 0x00020001 (libkmod-index.c). */
const INDEX_BIN_HEAD = '\xb0\x07\xf4\x57\x00\x02\x00\x01';

type Node =
  | { type: 'dir'; mode: number; mtime: number }
  | { type: 'file'; mode: number; mtime: number; content: () => string; image?: string; size?: number };

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

const depmodCache = new Map<string, DepmodOutput>();
/** The index of the shipped module set, which most machines never change. */
let shippedIndex: DepmodOutput | undefined;

/** depmod's output for a set of modules and a modules.order; memoised (the base set is read often). */
export function depmodFor(modules: readonly IndexedModule[], order: readonly string[]): DepmodOutput {
  const key = JSON.stringify([modules.map((m) => [m.relpath, m.image.id]), order]);
  let out = depmodCache.get(key);
  if (!out) {
    out = runDepmod(modules, order);
    if (depmodCache.size > 64) depmodCache.clear();
    depmodCache.set(key, out);
  }
  return out;
}

export class Disk implements FileTree {
  constructor(
    private readonly state: DiskState,
    private readonly clock: Clock,
    private readonly images: (id: string) => ModuleImage | undefined,
  ) {}

  private node(path: string): Node | undefined {
    const p = canonicalPath(path);
    if (Object.prototype.hasOwnProperty.call(this.state.files, p)) {
      const n = this.state.files[p];
      if (n === null) return undefined;
      return this.fromDisk(n);
    }
    const b = baseNodes.get(p);
    return b ? this.fromBase(b) : undefined;
  }

  private fromDisk(n: DiskNode): Node {
    if (n.type === 'dir') return n;
    const image = n.image !== undefined ? this.images(n.image) : undefined;
    return { type: 'file', mode: n.mode, mtime: n.mtime, content: () => n.content, image: n.image, size: image ? image.fileSize : undefined };
  }

  private fromBase(b: BaseNode): Node {
    switch (b.type) {
      case 'dir':
        return { type: 'dir', mode: 0o755, mtime: BASE_MTIME };
      case 'file':
        return { type: 'file', mode: b.mode, mtime: BASE_MTIME, content: () => b.content };
      case 'ko':
        return { type: 'file', mode: 0o644, mtime: BASE_MTIME, content: () => ELF_HEAD, image: b.image.id, size: b.image.fileSize };
      case 'generated':
        return { type: 'file', mode: 0o644, mtime: BASE_MTIME, content: () => this.generated(b.name) };
    }
  }

  /** The module files the index lists, with their images (files gone since depmod are skipped). */
  indexedModules(): IndexedModule[] {
    const out: IndexedModule[] = [];
    for (const rel of this.state.indexed ?? baseIndexed) {
      const n = this.node(`${MODDIR}/${rel}`);
      const image = n && n.type === 'file' && n.image !== undefined ? this.images(n.image) : undefined;
      if (image) out.push({ relpath: rel, image });
    }
    return out;
  }

  /** modules.order as the disk holds it now. */
  modulesOrder(): string[] {
    const text = this.read(`${MODDIR}/modules.order`);
    return typeof text === 'string' ? text.split('\n').slice(0, -1) : [];
  }

  /** What depmod wrote last (or would write for the shipped set). */
  index(): DepmodOutput {
    if (this.cachedIndex) return this.cachedIndex;
    const pristine = !this.state.indexed && !Object.keys(this.state.files).some((p) => p.startsWith(MODDIR + '/'));
    if (pristine) {
      shippedIndex ??= depmodFor(this.indexedModules(), catalogOrder);
      return (this.cachedIndex = shippedIndex);
    }
    return (this.cachedIndex = depmodFor(this.indexedModules(), this.state.indexed ? this.modulesOrder() : catalogOrder));
  }

  /** One Disk serves one command line; the index cannot change under it except through depmod (reindex). */
  private cachedIndex?: DepmodOutput;

  private generated(name: string): string {
    switch (name) {
      case 'modules.order':
        return catalogOrder.map((p) => p + '\n').join('');
      case 'modules.builtin':
        return builtinList.map((p) => p + '\n').join('');
      case 'modules.builtin.modinfo':
        return builtinModinfoRecords.map((r) => r + '\0').join('');
      case 'modules.dep':
      case 'modules.alias':
      case 'modules.softdep':
      case 'modules.symbols':
      case 'modules.devname':
        return this.index()[name];
      default:
        return INDEX_BIN_HEAD;
    }
  }

  stat(path: string): FileStat | number {
    const link = symlinkAt(path);
    if (link !== undefined) return { type: 'symlink', mode: 0o777, size: link.length, mtime: BASE_MTIME, target: link };
    const n = this.node(path);
    if (!n) return this.missing(path);
    if (n.type === 'dir') return { type: 'dir', mode: n.mode, size: 4096, mtime: n.mtime };
    const st: FileStat = { type: 'file', mode: n.mode, size: n.size ?? Buffer.byteLength(n.content(), 'latin1'), mtime: n.mtime };
    if (n.image !== undefined) st.image = n.image;
    return st;
  }

  /** -ENOTDIR when a parent is a file, else -ENOENT. */
  private missing(path: string): number {
    for (let p = parentOf(canonicalPath(path)); p !== '/'; p = parentOf(p)) {
      const n = this.node(p);
      if (n) return n.type === 'dir' ? -ENOENT : -ENOTDIR;
    }
    return -ENOENT;
  }

  read(path: string): string | number {
    const n = this.node(path);
    if (!n) return this.missing(path);
    if (n.type === 'dir') return -EISDIR;
    return n.content();
  }

  list(path: string): string[] | number {
    const p = canonicalPath(path);
    const n = this.node(p);
    if (!n) return this.missing(path);
    if (n.type !== 'dir') return -ENOTDIR;
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    const consider = (child: string) => {
      if (!child.startsWith(prefix)) return;
      const rest = child.slice(prefix.length);
      if (rest === '' || rest.includes('/')) return;
      if (this.node(child)) names.add(rest);
    };
    for (const child of baseNodes.keys()) consider(child);
    for (const child of Object.keys(this.state.files)) consider(child);
    if (p === '/') for (const link of ['/bin', '/sbin', '/lib', '/lib64']) names.add(link.slice(1));
    return [...names].sort();
  }

  write(path: string, data: string, append: boolean): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    const n = this.node(p);
    if (n && n.type === 'dir') return -EISDIR;
    if (!n) {
      const parent = this.node(parentOf(p));
      if (!parent) return this.missing(p);
      if (parent.type !== 'dir') return -ENOTDIR;
    }
    const old = n && append ? n.content() : '';
    // Writing into a module file turns it into plain bytes: it is no longer that module.
    this.state.files[p] = { type: 'file', content: old + data, mode: n ? n.mode : 0o644, mtime: this.clock() };
    return 0;
  }

  unlink(path: string): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    const n = this.node(p);
    if (!n) return this.missing(p);
    if (n.type === 'dir') return -EISDIR;
    this.remove(p);
    return 0;
  }

  /** Forget a path: null over a base file, nothing left otherwise. */
  private remove(p: string): void {
    if (baseNodes.has(p)) this.state.files[p] = null;
    else delete this.state.files[p];
  }

  mkdir(path: string): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    if (this.node(p) || symlinkAt(p) !== undefined) return -EEXIST;
    const parent = this.node(parentOf(p));
    if (!parent) return this.missing(p);
    if (parent.type !== 'dir') return -ENOTDIR;
    this.state.files[p] = { type: 'dir', mode: 0o755, mtime: this.clock() };
    return 0;
  }

  copy(from: string, to: string): number {
    this.cachedIndex = undefined;
    const src = this.node(from);
    if (!src) return this.missing(from);
    if (src.type === 'dir') return -EISDIR;
    let dest = canonicalPath(to);
    const d = this.node(dest);
    if (d && d.type === 'dir') dest = `${dest === '/' ? '' : dest}/${canonicalPath(from).slice(canonicalPath(from).lastIndexOf('/') + 1)}`;
    const existing = this.node(dest);
    if (existing && existing.type === 'dir') return -EISDIR;
    if (!existing) {
      const parent = this.node(parentOf(dest));
      if (!parent) return this.missing(dest);
      if (parent.type !== 'dir') return -ENOTDIR;
    }
    const node: DiskNode = { type: 'file', content: src.content(), mode: existing ? existing.mode : src.mode, mtime: this.clock() };
    if (src.image !== undefined) node.image = src.image;
    this.state.files[dest] = node;
    return 0;
  }

  rename(from: string, to: string): number {
    this.cachedIndex = undefined;
    const f = canonicalPath(from);
    const src = this.node(f);
    if (!src) return this.missing(f);
    let dest = canonicalPath(to);
    const d = this.node(dest);
    if (d && d.type === 'dir' && src.type !== 'dir') dest = `${dest === '/' ? '' : dest}/${f.slice(f.lastIndexOf('/') + 1)}`;
    if (dest === f) return 0;
    if (src.type === 'dir') {
      if (dest.startsWith(f + '/')) return -EINVAL;
      const target = this.node(dest);
      if (target && (target.type !== 'dir' || (this.list(dest) as string[]).length > 0)) return target.type !== 'dir' ? -ENOTDIR : -ENOTEMPTY;
      const moved = [f, ...[...new Set([...baseNodes.keys(), ...Object.keys(this.state.files)])].filter((p) => p.startsWith(f + '/') && this.node(p))];
      const nodes = moved.map((p) => [p, this.snapshot(p)] as const);
      for (const [p] of [...nodes].reverse()) this.remove(p);
      for (const [p, n] of nodes) this.state.files[dest + p.slice(f.length)] = n;
      return 0;
    }
    const rc = this.copy(f, dest);
    if (rc !== 0) return rc;
    const copied = this.state.files[dest];
    if (copied && copied.type === 'file') copied.mtime = src.mtime;
    this.remove(f);
    return 0;
  }

  private snapshot(p: string): DiskNode {
    const n = this.node(p) as Node;
    if (n.type === 'dir') return { type: 'dir', mode: n.mode, mtime: n.mtime };
    const out: DiskNode = { type: 'file', content: n.content(), mode: n.mode, mtime: n.mtime };
    if (n.image !== undefined) out.image = n.image;
    return out;
  }

  /** depmod -a: every .ko now under /lib/modules/RELEASE, in directory-walk order. */
  scanModules(): string[] {
    this.cachedIndex = undefined;
    const out: string[] = [];
    const walk = (dir: string, rel: string) => {
      const names = this.list(dir);
      if (typeof names === 'number') return;
      for (const name of names) {
        const n = this.node(`${dir}/${name}`);
        if (!n) continue;
        if (n.type === 'dir') {
          // depmod skips build/ and source/ (should_exclude_dir)
          if (rel === '' && (name === 'build' || name === 'source')) continue;
          walk(`${dir}/${name}`, `${rel}${name}/`);
        } else if (name.endsWith('.ko')) out.push(`${rel}${name}`);
      }
    };
    walk(MODDIR, '');
    return out;
  }
}
