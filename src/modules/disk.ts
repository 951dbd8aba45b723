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
import { EBUSY, EEXIST, EINVAL, EISDIR, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY } from '../kernel/errno';
import { ENTRY_RESERVE_BYTES, MAX_DISK_BYTES, MAX_FILE_BYTES, entryBytes, fittingPrefix, storedBytes } from './disk-quota';
import type { DiskNode, DiskState } from './disk-state';
import { BASE_MTIME, INDEX_FILES, MODDIR, baseChildren, baseIndexed, baseNodes, canonicalPath, symlinkAt, symlinksIn } from './base-image';
import type { BaseNode } from './base-image';
import { builtinList, builtinModinfoRecords } from './builtin';
import { catalogOrder } from './catalog';
import { runDepmod } from './depmod-index';
import { programFiles, programHead } from './programs';
import { readdirOrder } from './dentry-order';
import type { DepmodOutput, IndexedModule } from './depmod-index';
import { identify, moduleBytes } from './module-bytes';

/** kmod index files start with magic 0xB007F457, version 0x00020001 (libkmod-index.c). */
export const INDEX_BIN_HEAD = '\xb0\x07\xf4\x57\x00\x02\x00\x01';

type Node =
  | { type: 'dir'; mode: number; mtime: number; fresh?: true }
  | { type: 'symlink'; mtime: number; target: string; fresh?: true }
  | { type: 'file'; mode: number; mtime: number; content: () => string; image?: string; size?: number; program?: string; fresh?: true };

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

const depmodCache = new Map<string, DepmodOutput>();
/** The index of the shipped module set, which most machines never change. */
let shippedIndex: DepmodOutput | undefined;

/** depmod's output for a set of modules and a modules.order; memoised (the base set is read often). */
export function depmodFor(modules: readonly IndexedModule[], order: readonly string[]): DepmodOutput {
  const key = JSON.stringify([modules.map((m) => [m.relpath, m.image?.id ?? null]), order]);
  let out = depmodCache.get(key);
  if (!out) {
    out = runDepmod(modules, order);
    if (depmodCache.size > 64) depmodCache.clear();
    depmodCache.set(key, out);
  }
  return out;
}

/**
 * A directory's stat whose size (a listing of the directory: dirSize) is counted the first
 * time it is read: a path walk, `cd` or `test -d` stats every directory on the way and
 * wants only the type, and the listing was most of a lab line's CPU.
 */
function dirStat(mode: number, mtime: number, size: () => number): FileStat {
  let counted: number | undefined;
  // An accessor in the literal, not defineProperty: an own, enumerable field like the others, and cheap to make.
  return {
    type: 'dir',
    mode,
    mtime,
    get size(): number {
      return (counted ??= size());
    },
  };
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
    if (n.type === 'dir' || n.type === 'symlink') return n;
    const image = n.image !== undefined ? this.images(n.image) : undefined;
    const program = n.program !== undefined ? programFiles.get(n.program) : undefined;
    const node: Node = { type: 'file', mode: n.mode, mtime: n.mtime, content: () => n.content, image: n.image, size: image ? image.fileSize : program?.size };
    if (program) node.program = n.program;
    if (n.fresh) node.fresh = true;
    return node;
  }

  private fromBase(b: BaseNode): Node {
    switch (b.type) {
      case 'dir':
        return { type: 'dir', mode: b.mode ?? 0o755, mtime: BASE_MTIME };
      case 'file':
        return { type: 'file', mode: b.mode, mtime: BASE_MTIME, content: () => b.content };
      case 'ko':
        return { type: 'file', mode: 0o644, mtime: BASE_MTIME, content: () => moduleBytes(b.image), image: b.image.id, size: b.image.fileSize };
      case 'program':
        return { type: 'file', mode: b.file.mode, mtime: b.file.mtime, content: () => programHead(b.file), size: b.file.size, program: b.path };
      case 'symlink':
        return { type: 'symlink', mtime: b.mtime, target: b.target };
      case 'generated': {
        const index = (INDEX_FILES as readonly string[]).includes(b.name);
        return { type: 'file', mode: 0o644, mtime: index ? (this.state.depmodAt ?? BASE_MTIME) : BASE_MTIME, content: () => this.generated(b.name) };
      }
    }
  }

  /**
   * The module files the index lists, with the images depmod read from them: a file deleted
   * or replaced since is still listed as it was (27-kbuild-install).
   */
  indexedModules(): IndexedModule[] {
    const out: IndexedModule[] = [];
    const recorded = this.state.indexed ? this.state.indexedImages : undefined;
    for (const rel of this.state.indexed ?? baseIndexed) {
      let id: string | undefined;
      if (recorded && Object.prototype.hasOwnProperty.call(recorded, rel)) {
        id = recorded[rel] ?? undefined;
      } else if (!this.state.indexed || recorded) {
        // the package's own depmod read the shipped files; a later one found them unchanged
        id = this.shippedImage(rel);
      } else {
        // a document from before indexedImages: the files as they are now
        const n = this.node(`${MODDIR}/${rel}`);
        if (!n || n.type !== 'file') continue;
        id = n.image;
      }
      // A file that holds no module stays listed, as depmod wrote it (with no dependencies).
      const image = id !== undefined ? this.images(id) : undefined;
      out.push(image ? { relpath: rel, image } : { relpath: rel });
    }
    return out;
  }

  private shippedImage(rel: string): string | undefined {
    const b = baseNodes.get(`${MODDIR}/${rel}`);
    return b?.type === 'ko' ? b.image.id : undefined;
  }

  /** The image each path holds now (depmod's reading of them), where it is not the shipped one. */
  imagesAt(rels: readonly string[]): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const rel of rels) {
      const n = this.node(`${MODDIR}/${rel}`);
      const id = n && n.type === 'file' && n.image !== undefined ? n.image : null;
      if (id === null || id !== this.shippedImage(rel)) out[rel] = id;
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
    if (!this.state.indexed) {
      shippedIndex ??= depmodFor(this.indexedModules(), catalogOrder);
      return (this.cachedIndex = shippedIndex);
    }
    return (this.cachedIndex = depmodFor(this.indexedModules(), this.state.indexed ? this.modulesOrder() : catalogOrder));
  }

  /** One Disk serves one command line; the index cannot change under it except through depmod (reindex). */
  private cachedIndex?: DepmodOutput;

  /** What the scope's entries cost (disk-quota.ts), counted once per command line. */
  private used?: number;
  /** The cost of each entry counted so far (a file appended to in a loop is not re-measured). */
  private readonly costs = new Map<string, number>();

  private costOf(p: string): number {
    if (!Object.prototype.hasOwnProperty.call(this.state.files, p)) return 0;
    let cost = this.costs.get(p);
    if (cost === undefined) {
      cost = entryBytes(p, this.state.files[p]);
      this.costs.set(p, cost);
    }
    return cost;
  }

  private usage(): number {
    if (this.used === undefined) {
      let total = 0;
      for (const p of Object.keys(this.state.files)) total += this.costOf(p);
      this.used = total;
    }
    return this.used;
  }

  /**
   * Put NODE (or a deletion marker) at P, costing COST: -ENOSPC, and nothing changed, when
   * that would take the scope past its quota. A deletion always succeeds, as on a full disk.
   */
  private setEntry(p: string, node: DiskNode | null, cost = entryBytes(p, node), moved = false): number {
    const delta = cost - this.costOf(p);
    // Entries without data, and data that only moves (rename), may use the reserve.
    const empty = moved || node === null || node.type === 'dir' || (node.type === 'file' && node.content === '');
    const limit = MAX_DISK_BYTES + (empty ? ENTRY_RESERVE_BYTES : 0);
    if (node !== null && delta > 0 && this.usage() + delta > limit) return -ENOSPC;
    this.used = this.usage() + delta;
    this.state.files[p] = node;
    this.costs.set(p, cost);
    return 0;
  }

  private dropEntry(p: string): void {
    this.used = this.usage() - this.costOf(p);
    this.costs.delete(p);
    delete this.state.files[p];
  }

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
      case 'modules.dep.bin':
        // kmod 30 looks modules up in this index only (kmod_search_moddep): it carries the
        // lines of the modules.dep written with it, behind the index magic.
        return INDEX_BIN_HEAD + this.index()['modules.dep'];
      default:
        return INDEX_BIN_HEAD;
    }
  }

  stat(path: string): FileStat | number {
    const link = symlinkAt(path);
    if (link !== undefined) return { type: 'symlink', mode: 0o777, size: link.length, mtime: BASE_MTIME, target: link };
    const n = this.node(path);
    if (!n) return this.missing(path);
    if (n.type === 'dir') return dirStat(n.mode, n.mtime, () => this.dirSize(path));
    if (n.type === 'symlink') return { type: 'symlink', mode: 0o777, size: Buffer.byteLength(n.target), mtime: n.mtime, target: n.target };
    const st: FileStat = { type: 'file', mode: n.mode, size: n.size ?? Buffer.byteLength(n.content(), 'latin1'), mtime: n.mtime };
    if (n.image !== undefined) st.image = n.image;
    if (n.program !== undefined) st.program = n.program;
    return st;
  }

  /** A tmpfs directory's i_size (shmem): BOGO_DIRENT_SIZE (20) per entry on top of the 40 of "." and "..". */
  private dirSize(path: string): number {
    const names = this.list(path);
    return 40 + 20 * (typeof names === 'number' ? 0 : names.length);
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
    // The VFS follows links before reading; a link reached here points nowhere on this disk.
    if (n.type === 'symlink') return -ENOENT;
    return n.content();
  }

  list(path: string): string[] | number {
    const p = canonicalPath(path);
    const n = this.node(p);
    if (!n) return this.missing(path);
    if (n.type !== 'dir') return -ENOTDIR;
    const prefix = p === '/' ? '/' : p + '/';
    const childName = (child: string): string | undefined => {
      if (!child.startsWith(prefix)) return undefined;
      const rest = child.slice(prefix.length);
      return rest === '' || rest.includes('/') ? undefined : rest;
    };
    // Entries made here, in the order they were made; an edited shipped file is not one.
    const made: string[] = [];
    for (const [child, node] of Object.entries(this.state.files)) {
      const name = childName(child);
      if (name === undefined || node === null) continue;
      if (!node.fresh && (baseNodes.has(child) || symlinkAt(child) !== undefined)) continue;
      made.push(name);
    }
    const isMade = new Set(made);
    const shipped = new Set<string>();
    for (const child of baseChildren(p)) {
      const name = childName(child);
      if (name !== undefined && !isMade.has(name) && this.node(child)) shipped.add(name);
    }
    for (const link of symlinksIn(p)) if (this.state.files[`${prefix}${link}`] !== null && !isMade.has(link)) shipped.add(link);
    return readdirOrder(p, made, [...shipped]);
  }

  /**
   * P was just made (creat, mkdir, symlink, rename's target): it becomes the newest entry of
   * its directory, and is marked fresh where the base image has the path too.
   */
  private madeIf(p: string, rc: number): number {
    if (rc === 0) this.made(p);
    return rc;
  }

  private made(p: string): void {
    const node = this.state.files[p];
    if (!node) return;
    delete this.state.files[p];
    if (baseNodes.has(p) || symlinkAt(p) !== undefined) node.fresh = true;
    else delete node.fresh;
    this.state.files[p] = node;
  }

  write(path: string, data: string, append: boolean): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    const n = this.node(p);
    if (n && n.type === 'dir') return -EISDIR;
    if (n && n.type === 'symlink') return -ENOENT;
    if (!n) {
      const parent = this.node(parentOf(p));
      if (!parent) return this.missing(p);
      if (parent.type !== 'dir') return -ENOTDIR;
    }
    const old = n && n.type === 'file' && append ? n.content() : '';
    const mode = n && n.type === 'file' ? n.mode : 0o644;
    // Writing into a module file turns it into plain bytes: it is no longer that module,
    // unless the bytes written are a whole module's (cat a.ko > b.ko, through a pipe too).
    const entry = (content: string, bytes: number) => {
      const node: DiskNode = { type: 'file', content, mode, mtime: this.clock() };
      const image = identify(content, this.images);
      if (image !== undefined) node.image = image;
      if (n?.fresh) node.fresh = true;
      return { node, cost: bytes };
    };
    const overhead = entryBytes(p, null);
    const oldBytes = append && old !== '' ? this.contentBytes(p, old) : 0;
    const dataBytes = storedBytes(data);
    const whole = entry(old + data, overhead + oldBytes + dataBytes);
    if (oldBytes + dataBytes <= MAX_FILE_BYTES && this.setEntry(p, whole.node, whole.cost) === 0) {
      if (!n) this.made(p);
      return 0;
    }
    // The disk fills up: write(2) stores what fits, and the next write fails with ENOSPC.
    const room = Math.min(MAX_FILE_BYTES - oldBytes, MAX_DISK_BYTES - this.usage() + this.costOf(p) - overhead - oldBytes);
    const fits = room > 0 ? fittingPrefix(data, room) : 0;
    const part = data.slice(0, fits);
    const partial = entry(old + part, overhead + oldBytes + storedBytes(part));
    if (this.setEntry(p, partial.node, partial.cost) === 0 && !n) this.made(p);
    return -ENOSPC;
  }

  /** The stored size of P's current content OLD (known from its entry's cost when counted). */
  private contentBytes(p: string, old: string): number {
    const own = Object.prototype.hasOwnProperty.call(this.state.files, p) && this.state.files[p]?.type === 'file';
    return own ? this.costOf(p) - entryBytes(p, null) : storedBytes(old);
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

  /** rmdir(2): only an empty directory goes. */
  rmdir(path: string): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    if (symlinkAt(p) !== undefined) return -ENOTDIR;
    const n = this.node(p);
    if (!n) return this.missing(p);
    if (n.type !== 'dir') return -ENOTDIR;
    if (p === '/') return -EBUSY;
    const names = this.list(p);
    if (typeof names !== 'number' && names.length > 0) return -ENOTEMPTY;
    this.remove(p);
    return 0;
  }

  /** symlink(2): TARGET is stored as given; nothing checks that it exists. */
  symlink(target: string, path: string): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    if (this.node(p) || symlinkAt(p) !== undefined) return -EEXIST;
    const parent = this.node(parentOf(p));
    if (!parent) return this.missing(p);
    if (parent.type !== 'dir') return -ENOTDIR;
    return this.madeIf(p, this.setEntry(p, { type: 'symlink', target, mtime: this.clock() }));
  }

  /** touch: a missing file is created empty; an existing one (a .ko too) only gets a new mtime. */
  touch(path: string, mtime?: number): number {
    const p = canonicalPath(path);
    let n = this.node(p);
    if (!n) {
      const rc = this.write(p, '', false);
      if (rc < 0 || mtime === undefined) return rc;
      n = this.node(p);
    }
    if (!n) return -ENOENT;
    if (n.type === 'symlink') return -ENOENT;
    this.cachedIndex = undefined;
    return this.setEntry(p, { ...this.snapshot(p), mtime: mtime ?? this.clock() });
  }

  /** Forget a path: null over a base file, nothing left otherwise. */
  private remove(p: string): void {
    if (baseNodes.has(p)) this.setEntry(p, null);
    else this.dropEntry(p);
  }

  /** chmod(2): the permission bits of a file or directory (PATH is no symlink: the VFS followed it). */
  chmod(path: string, mode: number): number {
    const p = canonicalPath(path);
    const n = this.node(p);
    if (!n) return -ENOENT;
    if (n.type === 'symlink') return -ENOENT;
    if (n.mode === mode) return 0;
    return this.setEntry(p, { ...this.snapshot(p), mode } as DiskNode);
  }

  mkdir(path: string): number {
    this.cachedIndex = undefined;
    const p = canonicalPath(path);
    if (this.node(p) || symlinkAt(p) !== undefined) return -EEXIST;
    const parent = this.node(parentOf(p));
    if (!parent) return this.missing(p);
    if (parent.type !== 'dir') return -ENOTDIR;
    return this.madeIf(p, this.setEntry(p, { type: 'dir', mode: 0o755, mtime: this.clock() }));
  }

  /** cp FROM TO; SOURCE stands for FROM when rename has already taken it off the disk. */
  copy(from: string, to: string, source?: DiskNode): number {
    this.cachedIndex = undefined;
    const src = source ? this.fromDisk(source) : this.node(from);
    if (!src) return this.missing(from);
    if (src.type === 'dir') return -EISDIR;
    if (src.type === 'symlink') return -ENOENT;
    let dest = canonicalPath(to);
    const d = this.node(dest);
    if (d && d.type === 'dir') dest = `${dest === '/' ? '' : dest}/${canonicalPath(from).slice(canonicalPath(from).lastIndexOf('/') + 1)}`;
    const existing = this.node(dest);
    if (existing && existing.type === 'dir') return -EISDIR;
    if (existing && existing.type === 'symlink') this.remove(dest);
    if (!existing) {
      const parent = this.node(parentOf(dest));
      if (!parent) return this.missing(dest);
      if (parent.type !== 'dir') return -ENOTDIR;
    }
    const node: DiskNode = { type: 'file', content: src.content(), mode: existing && existing.type === 'file' ? existing.mode : src.mode, mtime: this.clock() };
    if (src.image !== undefined) node.image = src.image;
    if (src.program !== undefined) node.program = src.program;
    if (existing?.fresh) node.fresh = true;
    if (storedBytes(node.content) > MAX_FILE_BYTES) return -ENOSPC;
    const rc = this.setEntry(dest, node, entryBytes(dest, node), source !== undefined);
    // Copying over a file keeps its directory entry; a new name is a new entry.
    return existing && existing.type === 'file' ? rc : this.madeIf(dest, rc);
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
    if (src.type === 'symlink') {
      const target = this.node(dest);
      if (target && target.type === 'dir') return -EISDIR;
      this.remove(f);
      return this.madeIf(dest, this.setEntry(dest, { type: 'symlink', target: src.target, mtime: src.mtime }, undefined, true));
    }
    if (src.type === 'dir') {
      if (dest.startsWith(f + '/')) return -EINVAL;
      const target = this.node(dest);
      if (target && (target.type !== 'dir' || (this.list(dest) as string[]).length > 0)) return target.type !== 'dir' ? -ENOTDIR : -ENOTEMPTY;
      const moved = [f, ...this.entriesAsMade(f)];
      const nodes = moved.map((p) => [p, this.snapshot(p)] as const);
      // Each moved entry's path changes length; base entries moved leave a deletion behind.
      const growth = nodes.reduce((sum, [p]) => sum + dest.length - f.length + (baseNodes.has(p) ? entryBytes(p, null) : 0), 0);
      if (growth > 0 && this.usage() + growth > MAX_DISK_BYTES) return -ENOSPC;
      for (const [p] of [...nodes].reverse()) this.remove(p);
      for (const [p, n] of nodes) this.setEntry(dest + p.slice(f.length), n);
      // The directory becomes its new parent's newest entry; what it holds keeps its order.
      for (const [p] of nodes) this.made(dest + p.slice(f.length));
      return 0;
    }
    // The file's bytes move with it: take them off the old name first, so a full disk can still rename.
    const snapshot = this.snapshot(f);
    const hadEntry = Object.prototype.hasOwnProperty.call(this.state.files, f);
    this.remove(f);
    const rc = this.madeIf(dest, this.copy(f, dest, snapshot));
    if (rc !== 0) {
      if (hadEntry) this.setEntry(f, snapshot);
      else this.dropEntry(f);
      return rc;
    }
    const copied = this.state.files[dest];
    if (copied && copied.type === 'file') copied.mtime = src.mtime;
    return 0;
  }

  private snapshot(p: string): DiskNode {
    const n = this.node(p) as Node;
    let out: DiskNode;
    if (n.type === 'dir') out = { type: 'dir', mode: n.mode, mtime: n.mtime };
    else if (n.type === 'symlink') out = { type: 'symlink', target: n.target, mtime: n.mtime };
    else {
      out = { type: 'file', content: n.content(), mode: n.mode, mtime: n.mtime };
      if (n.image !== undefined) out.image = n.image;
      if (n.program !== undefined) out.program = n.program;
    }
    if (n.fresh) out.fresh = true;
    return out;
  }

  /** Everything under DIR, each directory's entries oldest first (so made again in this order they list as before). */
  private entriesAsMade(dir: string): string[] {
    const names = this.list(dir);
    if (typeof names === 'number') return [];
    const out: string[] = [];
    for (const name of [...names].reverse()) {
      const p = `${dir === '/' ? '' : dir}/${name}`;
      const n = this.node(p);
      // The base image's own links (build, source) are no entries of the disk's.
      if (!n) continue;
      out.push(p);
      if (n.type === 'dir') out.push(...this.entriesAsMade(p));
    }
    return out;
  }

  /** A .ko that kbuild linked: ELF bytes on disk, its image kept with the scope's disk. */
  writeModule(path: string, image: ModuleImage, keep: ReadonlySet<string> = new Set()): number {
    const rc = this.write(path, moduleBytes(image), false);
    if (rc !== 0) return rc;
    const node = this.state.files[canonicalPath(path)];
    if (!node || node.type !== 'file') return -EINVAL;
    node.image = image.id;
    (this.state.images ??= {})[image.id] = image;
    this.pruneImages(keep);
    return 0;
  }

  /** Forget built images that no file names and no loaded module uses (KEEP). */
  private pruneImages(keep: ReadonlySet<string>): void {
    const images = this.state.images;
    if (!images) return;
    const named = new Set(Object.values(this.state.files).flatMap((n) => (n && n.type === 'file' && n.image ? [n.image] : [])));
    // the index still names what depmod read from a file since deleted
    for (const id of Object.values(this.state.indexedImages ?? {})) if (id !== null) named.add(id);
    for (const id of Object.keys(images)) if (!named.has(id) && !keep.has(id)) delete images[id];
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
