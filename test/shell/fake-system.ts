/**
 * A small System for shell and tool tests: an in-memory disk, a hand-written /proc and
 * /sys, a minimal kernel (printk ring, syslog read/clear, one loaded module), mounted
 * with the real mountVfs.
 */
import type { FileStat, FileTree } from '../../src/kernel/filetree';
import type { Kernel, KernelConfig } from '../../src/kernel/kernel';
import type { KernelState, LogRecord } from '../../src/kernel/state';
import type { LogLevel } from '../../src/kernel/image';
import type { HistoryEntry, System, Tool } from '../../src/userland/tool';
import type { ExecResult } from '../../src/shell/result';
import { EACCES, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, ERANGE } from '../../src/kernel/errno';
import { mountVfs } from '../../src/machine/vfs';
import { ProcessTable } from '../../src/kernel/process';
import { resolvePath } from '../../src/machine/path';
import { execProgram } from '../../src/machine/exec';
import { runLine } from '../../src/shell';
import { toolsByName } from '../../src/userland';

/** 2026-11-25 20:18:00 UTC, the fidelity suite's clock. */
export const NOW = Date.UTC(2026, 10, 25, 20, 18, 0);
export const BOOTED_AT = NOW - 7_000;

interface Node {
  stat: FileStat;
  content?: string;
  children?: Map<string, Node>;
  /** A sysfs store(): returns 0 or -errno. */
  store?: (data: string) => number;
  /** The size stat() reports does not follow the content (sysfs: 4096, procfs: 0). */
  fixedSize?: boolean;
}

function dir(mode = 0o755, mtime = BOOTED_AT): Node {
  return { stat: { type: 'dir', mode, size: 4096, mtime }, children: new Map() };
}

/** A writable in-memory tree; paths are absolute. */
export class MemTree implements FileTree {
  readonly root: Node = dir();

  constructor(private readonly dirSize = 4096) {
    this.root.stat.size = dirSize;
  }

  private walk(path: string): Node | number {
    let node = this.root;
    for (const part of path.split('/').filter(Boolean)) {
      if (node.stat.type !== 'dir' || !node.children) return -ENOTDIR;
      const next = node.children.get(part);
      if (!next) return -ENOENT;
      node = next;
    }
    return node;
  }

  private parent(path: string): { node: Node; name: string } | number {
    const slash = path.lastIndexOf('/');
    const p = this.walk(path.slice(0, slash) || '/');
    if (typeof p === 'number') return p;
    if (p.stat.type !== 'dir') return -ENOTDIR;
    return { node: p, name: path.slice(slash + 1) };
  }

  mkdirp(path: string, mode = 0o755, mtime = BOOTED_AT): void {
    let node = this.root;
    for (const part of path.split('/').filter(Boolean)) {
      let next = node.children?.get(part);
      if (!next) {
        next = dir(mode, mtime);
        next.stat.size = this.dirSize;
        node.children?.set(part, next);
      }
      node = next;
    }
  }

  addFile(path: string, content: string, opts: Partial<FileStat> & { store?: (data: string) => number } = {}): void {
    const slash = path.lastIndexOf('/');
    this.mkdirp(path.slice(0, slash) || '/');
    const p = this.parent(path) as { node: Node; name: string };
    const { store, ...stat } = opts;
    p.node.children?.set(p.name, {
      stat: { type: 'file', mode: 0o644, size: content.length, mtime: BOOTED_AT, ...stat },
      content,
      store,
      fixedSize: stat.size !== undefined,
    });
  }

  stat(path: string): FileStat | number {
    const n = this.walk(path);
    if (typeof n === 'number') return n;
    if (n.stat.type === 'file' && n.content !== undefined && !n.fixedSize) return { ...n.stat, size: Buffer.byteLength(n.content) };
    return { ...n.stat };
  }

  read(path: string): string | number {
    const n = this.walk(path);
    if (typeof n === 'number') return n;
    if (n.stat.type === 'dir') return -EISDIR;
    return n.content ?? '';
  }

  list(path: string): string[] | number {
    const n = this.walk(path);
    if (typeof n === 'number') return n;
    if (!n.children) return -ENOTDIR;
    return [...n.children.keys()];
  }

  write(path: string, data: string, append: boolean): number {
    const n = this.walk(path);
    if (typeof n !== 'number') {
      if (n.stat.type === 'dir') return -EISDIR;
      if (n.store) return n.store(data);
      n.content = append ? (n.content ?? '') + data : data;
      n.stat.mtime = NOW;
      return 0;
    }
    if (n !== -ENOENT) return n;
    const p = this.parent(path);
    if (typeof p === 'number') return p;
    p.node.children?.set(p.name, { stat: { type: 'file', mode: 0o644, size: 0, mtime: NOW }, content: data });
    return 0;
  }

  unlink(path: string): number {
    const p = this.parent(path);
    if (typeof p === 'number') return p;
    const n = p.node.children?.get(p.name);
    if (!n) return -ENOENT;
    if (n.children && n.children.size > 0) return -ENOTEMPTY;
    p.node.children?.delete(p.name);
    return 0;
  }

  mkdir(path: string): number {
    const p = this.parent(path);
    if (typeof p === 'number') return p;
    if (p.node.children?.has(p.name)) return -17;
    p.node.children?.set(p.name, dir(0o755, NOW));
    return 0;
  }

  rename(from: string, to: string): number {
    const a = this.parent(from);
    const b = this.parent(to);
    if (typeof a === 'number') return a;
    if (typeof b === 'number') return b;
    const n = a.node.children?.get(a.name);
    if (!n) return -ENOENT;
    a.node.children?.delete(a.name);
    b.node.children?.set(b.name, n);
    return 0;
  }

  copy(from: string, to: string): number {
    const n = this.walk(from);
    if (typeof n === 'number') return n;
    if (n.stat.type === 'dir') return -EISDIR;
    const rc = this.write(to, n.content ?? '', false);
    if (rc < 0) return rc;
    const m = this.walk(to) as Node;
    if (n.stat.image) m.stat.image = n.stat.image;
    return 0;
  }
}

/** The boot log of the fake machine: a few records, one multi-line, one warning. */
export function bootRecords(): LogRecord[] {
  const rec = (seq: number, usec: number, level: LogLevel, text: string): LogRecord => ({ seq, usec, level, facility: 0, text });
  return [
    rec(0, 0, 5, 'Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)'),
    rec(1, 0, 6, 'Command line: console=ttyS0 panic=-1'),
    rec(2, 48000, 4, 'tsc: Unable to calibrate against PIT'),
    rec(3, 4541815, 4, 'Unstable clock detected, switching default tracing clock to "global"\nIf you want to keep using the local clock, then add:\n  "trace_clock=local"\non the kernel command line'),
    rec(4, 4935601, 7, '    TERM=linux'),
  ];
}

export class FakeKernel implements Kernel {
  readonly state: KernelState;
  readonly config: KernelConfig;
  readonly procfs: MemTree;
  readonly sysfs: MemTree;
  readonly processes: ProcessTable;
  usec = 7_149_978;

  constructor() {
    this.state = {
      cmdline: 'console=ttyS0 panic=-1',
      bootedAt: BOOTED_AT,
      lastUsec: 0,
      modules: [],
      tainted: 0,
      once: [],
      nextOrder: 1,
      nextAddress: 0,
      nextPid: 117,
      printk: { nextSeq: 5, records: bootRecords(), clearSeq: 0 },
      sysctl: { dmesg_restrict: '1' },
    };
    this.config = {
      release: '6.1.0-56-amd64',
      version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)',
      hostname: 'oracle',
      bootLog: [],
      builtins: [],
      vmlinuxExports: [],
      images: () => undefined,
    };
    this.processes = new ProcessTable(this.state, () => NOW);
    this.procfs = new MemTree(0);
    this.procfs.mkdirp('/proc', 0o555);
    this.procfs.addFile('/proc/modules', '', { mode: 0o444, size: 0 });
    this.procfs.addFile('/proc/sys/kernel/dmesg_restrict', '1\n', { mode: 0o644, size: 0 });
    this.procfs.addFile('/proc/sys/kernel/printk', '7\t4\t1\t7\n', { mode: 0o644, size: 0 });
    this.sysfs = new MemTree(0);
    this.sysfs.mkdirp('/sys/module/hello_param/parameters', 0o755, NOW);
    const params = this.sysfs;
    let myint = '42';
    params.addFile('/sys/module/hello_param/parameters/myint', '42\n', {
      mode: 0o644,
      size: 4096,
      mtime: NOW,
      store: (data) => {
        const v = data.trim();
        if (!/^-?[0-9]+$/.test(v)) return -EINVAL;
        if (Math.abs(Number(v)) > 2147483647) return -ERANGE;
        myint = v;
        params.addFile('/sys/module/hello_param/parameters/myint', `${myint}\n`, { mode: 0o644, size: 4096, mtime: NOW, store: (d) => this.storeMyint(d) });
        return 0;
      },
    });
    params.addFile('/sys/module/hello_param/parameters/mystring', 'blah\n', { mode: 0o444, size: 4096, mtime: NOW, store: () => -EACCES });
    params.addFile('/sys/module/hello_param/parameters/myintarray', '1,2,3,4\n', { mode: 0o444, size: 4096, mtime: NOW, store: () => -EACCES });
    this.sysfs.addFile('/sys/module/hello_param/refcnt', '0\n', { mode: 0o444, size: 4096, mtime: NOW });
    this.sysfs.mkdirp('/sys/module/hello_param/holders', 0o755, NOW);
  }

  private storeMyint(data: string): number {
    const v = data.trim();
    if (!/^-?[0-9]+$/.test(v)) return -EINVAL;
    this.sysfs.addFile('/sys/module/hello_param/parameters/myint', `${v}\n`, { mode: 0o644, size: 4096, mtime: NOW, store: (d) => this.storeMyint(d) });
    return 0;
  }

  uptimeUsec(): number {
    return this.usec;
  }
  nanosleep(ms: number): void {
    this.usec += ms * 1000;
  }
  finitModule(): number {
    return -38;
  }
  deleteModule(): number {
    return -38;
  }
  modules() {
    return this.state.modules;
  }
  find(name: string) {
    return this.state.modules.find((m) => m.name === name);
  }
  holders(): string[] {
    return [];
  }
  refcnt(): number {
    return 0;
  }
  printk(level: LogLevel, text: string, facility = 0): LogRecord {
    this.usec += 1000;
    const rec: LogRecord = { seq: this.state.printk.nextSeq++, usec: this.usec, level, facility, text };
    this.state.printk.records.push(rec);
    return rec;
  }
  readLog(): LogRecord[] {
    return this.state.printk.records.filter((r) => r.seq >= this.state.printk.clearSeq);
  }
  clearLog(): void {
    this.state.printk.clearSeq = this.state.printk.nextSeq;
  }
}

export function fakeDisk(): MemTree {
  const disk = new MemTree();
  disk.mkdirp('/root', 0o700);
  disk.mkdirp('/tmp', 0o1777);
  disk.mkdirp('/lib/modules/6.1.0-56-amd64/kernel');
  disk.mkdirp('/usr/bin');
  disk.addFile('/root/hello.ko', 'ELF', { size: 5, image: 'oracle:hello' });
  disk.addFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  disk.addFile('/etc/hostname', 'oracle\n');
  disk.addFile('/usr/bin/cat', '', { mode: 0o755 });
  return disk;
}

export interface Fake {
  sys: System;
  kernel: FakeKernel;
  disk: MemTree;
  run(line: string): ExecResult;
}

export function fakeSystem(history: HistoryEntry[] = [], tools: ReadonlyMap<string, Tool> = toolsByName): Fake {
  const kernel = new FakeKernel();
  const disk = fakeDisk();
  const fs = mountVfs({ disk, proc: kernel.procfs, sys: kernel.sysfs, kernel });
  const sys: System = {
    kernel,
    fs,
    cwd: '/root',
    uid: 0,
    env: { HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', USER: 'root', SHELL: '/bin/bash', PWD: '/root' },
    history,
    resolve: (path: string) => resolvePath(sys.cwd, path),
    depmod: () => undefined,
    exec: (argv, io) => execProgram(sys, tools, argv, io),
    programs: tools,
    logins: [],
  };
  return {
    sys,
    kernel,
    disk,
    run(line: string): ExecResult {
      // Each line is a fresh `bash -c` in /root.
      sys.cwd = '/root';
      return runLine(line, sys, tools);
    },
  };
}
