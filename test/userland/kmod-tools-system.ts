/**
 * A System for the insmod/rmmod/lsmod tests: the real kernel (test/kernel/fixtures images)
 * with its /proc and /sys, over a small in-memory disk of .ko files and other files.
 */
import type { FileStat, FileTree } from '../../src/kernel/filetree';
import type { Io, System } from '../../src/userland/tool';
import type { Kernel } from '../../src/kernel/kernel';
import { boot, images } from '../kernel/fixtures';
import { resolvePath } from '../../src/machine/path';
import { execProgram } from '../../src/machine/exec';
import { toolsByName } from '../../src/userland';

interface DiskFile { content: string; image?: string; dir?: boolean }

export function memoryDisk(files: Record<string, DiskFile>): FileTree {
  const dirs = new Set<string>(['/']);
  for (const p of Object.keys(files)) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/') || '/');
  }
  return {
    stat(path: string): FileStat | number {
      const f = files[path];
      if (f?.dir || (!f && dirs.has(path))) return { type: 'dir', mode: 0o755, size: 4096, mtime: 0 };
      if (!f) return -2;
      const st: FileStat = { type: 'file', mode: 0o644, size: f.content.length, mtime: 0 };
      if (f.image) st.image = f.image;
      return st;
    },
    read: (path) => (files[path]?.dir || dirs.has(path) ? -21 : files[path]?.content ?? -2),
    list: (path) => (dirs.has(path) ? Object.keys(files).filter((p) => p.startsWith(path + '/')).map((p) => p.slice(path.length + 1).split('/')[0]) : -2),
    write: () => -30,
  };
}

export const DISK: Record<string, DiskFile> = {
  ...Object.fromEntries(images.map((i) => [`/root/${i.name}.ko`, { content: '\x7fELF…', image: i.id }])),
  '/root/notamodule.ko': { content: 'this is not a kernel module\n' },
  '/root/empty.ko': { content: '' },
  '/etc/passwd': { content: 'root:x:0:0:root:/root:/bin/bash\n'.repeat(3) },
  '/lib/modules/6.1.0-56-amd64/modules.builtin': { content: 'kernel/net/unix/unix.ko\nkernel/fs/ext4-nope/ext4-dummy.ko\n' },
};

export function testSystem(uid = 0): { sys: System; kernel: Kernel } {
  const { kernel } = boot();
  const disk = memoryDisk(DISK);
  const route = (path: string): FileTree => (path === '/proc' || path.startsWith('/proc/') ? kernel.procfs : path === '/sys' || path.startsWith('/sys/') ? kernel.sysfs : disk);
  const fs: FileTree = {
    stat: (p) => route(p).stat(p),
    read: (p) => route(p).read(p),
    list: (p) => route(p).list(p),
    write: (p, d, a) => route(p).write(p, d, a),
  };
  const sys: System = {
    kernel,
    fs,
    cwd: '/root',
    uid,
    env: {},
    history: [],
    resolve: (path: string) => resolvePath(sys.cwd, path),
    depmod: () => undefined,
    exec: (argv, io) => execProgram(sys, toolsByName, argv, io),
    programs: toolsByName,
    logins: [],
  };
  return { sys, kernel };
}

export interface Run { out: string; err: string; status: number }

export function run(main: (argv: string[], io: Io, sys: System) => number, sys: System, argv: string[]): Run {
  let out = '';
  let err = '';
  const io: Io = { stdin: '', out: (t) => (out += t), err: (t) => (err += t) };
  const status = main(argv, io, sys);
  return { out, err, status };
}
