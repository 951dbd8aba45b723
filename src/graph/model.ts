/**
 * The module graph of one machine, as `lsmod` and modules.dep describe it: every loaded
 * module with its state, refcount and taint letters; a "holds" edge from each holder
 * (/sys/module/NAME/holders, lsmod's Used by); and a "depends" edge for each dependency
 * modules.dep lists for it (what depmod found on disk, loaded or not). Read from the
 * machine only: the kernel knows nothing of pictures.
 */
import type { System } from '../userland/tool';
import type { InitState } from '../kernel/state';
import { RELEASE } from '../modules';
import { printTainted } from '../kernel/taint';

/** Where a module comes from, for the picture's colours. */
export type Origin = 'in-tree' | 'lab' | 'own';

export interface GraphModule {
  name: string;
  /** /proc/modules' state word: Live, Loading, Unloading. */
  state: 'Live' | 'Loading' | 'Unloading';
  refcnt: number;
  /** Per-module taint letters as /proc/modules shows them in parentheses ("OE"), or "". */
  taint: string;
  origin: Origin;
}

export interface ModuleGraph {
  modules: GraphModule[];
  /** holder → held: `held`'s Used by lists `holder`. */
  holds: Array<{ holder: string; held: string }>;
  /** module → dependency, from modules.dep. */
  depends: Array<{ module: string; on: string }>;
  /** Dependencies modules.dep names that are not loaded (shown dashed). */
  notLoaded: string[];
  /** /proc/sys/kernel/tainted, and print_tainted()'s words for it ("Not tainted", "Tainted: …"). */
  tainted: number;
  taintText: string;
}

const STATE_WORD: Record<InitState, GraphModule['state']> = { live: 'Live', coming: 'Loading', going: 'Unloading' };

/**
 * Module images of the Debian catalog are in-tree; the oracle's test modules in /root are the
 * lab's; anything else was built on this machine by the class (make, kbuild).
 */
function originOf(image: string): Origin {
  if (image.startsWith('catalog:')) return 'in-tree';
  if (image.startsWith('oracle:')) return 'lab';
  return 'own';
}

/** kmod's modname from a modules.dep path: basename without .ko(.xz), '-' as '_'. */
export function modname(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.ko(\.[a-z]+)?$/, '').replace(/-/g, '_');
}

/** modules.dep as name → dependency names ("kernel/fs/vfat.ko: kernel/fs/fat/fat.ko"). */
export function parseModulesDep(text: string): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rest = line.slice(colon + 1).trim();
    deps.set(modname(line.slice(0, colon)), rest === '' ? [] : rest.split(/\s+/).map(modname));
  }
  return deps;
}

export function moduleGraph(sys: System): ModuleGraph {
  const loaded = sys.kernel.modules();
  const names = new Set(loaded.map((m) => m.name));
  const depText = sys.fs.read(`/lib/modules/${RELEASE}/modules.dep`);
  const dep = typeof depText === 'string' ? parseModulesDep(depText) : new Map<string, string[]>();
  const modules = loaded.map((m): GraphModule => ({
    name: m.name,
    state: STATE_WORD[m.state],
    refcnt: sys.kernel.refcnt(m.name),
    taint: m.taint,
    origin: originOf(m.image),
  }));
  const holds = loaded.flatMap((m) => sys.kernel.holders(m.name).map((holder) => ({ holder, held: m.name })));
  const depends = loaded.flatMap((m) => (dep.get(m.name) ?? []).map((on) => ({ module: m.name, on })));
  const notLoaded = [...new Set(depends.map((d) => d.on).filter((n) => !names.has(n)))].sort();
  const tainted = sys.kernel.state.tainted;
  return { modules, holds, depends, notLoaded, tainted, taintText: printTainted(tainted).trimEnd() };
}
