/**
 * The programs a line can run: the tools whose files are on the disk now. Every tool that
 * Debian installs as a file (programs.ts: /usr/bin/cat, /usr/sbin/insmod → /bin/kmod) runs
 * only while that file, its links followed, is still there, as bash's PATH search finds it
 * by stat(2): after `rm /usr/sbin/insmod` (or of /usr/bin/kmod, its target) insmod is
 * "command not found". Tools no package installs as a file (bash's history and help) are
 * always there.
 */
import type { FileTree } from '../kernel/filetree';
import type { Tool } from '../userland/tool';
import { programFiles, programLinks } from '../modules/programs';

const BIN_DIRS = ['/usr/bin', '/usr/sbin'];

/** The places Debian installs the program NAME, if any. */
function placesOf(name: string): string[] {
  return BIN_DIRS.map((d) => `${d}/${name}`).filter((p) => programFiles.has(p) || programLinks.has(p));
}

/** stat(2) of PATH, links followed (at most 40, as the kernel's MAXSYMLINKS): a regular file? */
function isFile(fs: FileTree, path: string): boolean {
  const real = fs.realpath ? fs.realpath(path, true) : path;
  if (typeof real === 'number') return false;
  const st = fs.stat(real);
  return typeof st !== 'number' && st.type === 'file';
}

export class InstalledPrograms implements ReadonlyMap<string, Tool> {
  constructor(
    private readonly tools: ReadonlyMap<string, Tool>,
    private readonly fs: FileTree,
  ) {}

  private installed(name: string): boolean {
    const places = placesOf(name);
    return places.length === 0 || places.some((p) => isFile(this.fs, p));
  }

  get(name: string): Tool | undefined {
    const tool = this.tools.get(name);
    return tool && this.installed(name) ? tool : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return [...this.keys()].length;
  }

  *entries(): MapIterator<[string, Tool]> {
    for (const [name, tool] of this.tools) if (this.installed(name)) yield [name, tool];
  }

  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): MapIterator<Tool> {
    for (const [, tool] of this.entries()) yield tool;
  }

  [Symbol.iterator](): MapIterator<[string, Tool]> {
    return this.entries();
  }

  forEach(fn: (tool: Tool, name: string, map: ReadonlyMap<string, Tool>) => void): void {
    for (const [name, tool] of this.entries()) fn(tool, name, this);
  }
}
