/**
 * What `depmod -a` writes, computed the way kmod 30's tools/depmod.c does it:
 *  - modules are taken in kmod's modules_by_name hash order (depmod_modules_build_array),
 *    then sorted by their line in modules.order; modules not listed there keep hash order
 *    after the listed ones (depmod_modules_sort; glibc's qsort is a stable merge sort here);
 *  - exported symbols go into a 2048-bucket hash, the last module to export a name owns it;
 *  - a module depends on the owners of the symbols it imports (depmod_load_module_dependencies);
 *  - a topological sort with a stack of "roots" (modules nobody uses) numbers the modules
 *    (depmod_calculate_dependencies), and each modules.dep line lists all dependencies,
 *    transitively, sorted by that number (mod_get_all_sorted_dependencies);
 *  - modules.alias / modules.softdep / modules.devname walk the modules in order and their
 *    modinfo in order; modules.symbols walks the symbol hash.
 */
import type { ModuleImage } from '../kernel/image';
import { hashOrder } from './kmod-hash';
import { modnameOfPath } from './builtin';
import { catalogDepRank } from './catalog';

/**
 * Sort key of a dependency. The real numbering runs over the package's whole tree, of which
 * we hold 157 modules: catalog modules keep the rank the recorded modules.dep lines imply;
 * the others (extra/, students' modules, which depmod reaches first because they sit at the
 * end of its array and its roots are a stack) come before them in the order computed here.
 */
function depKey(m: { m: IndexedModule; depSortIdx: number }): number {
  const rank = m.m.image?.intree ? catalogDepRank.get(m.m.relpath) : undefined;
  return rank === undefined ? m.depSortIdx : 1e9 + rank;
}

export interface IndexedModule {
  /** Path relative to /lib/modules/RELEASE, e.g. "kernel/fs/fat/vfat.ko". */
  relpath: string;
  /** Undefined for a .ko that holds no module: depmod lists it, with no symbols and no modinfo. */
  image?: ModuleImage;
}

export interface DepmodOutput {
  /** Modules in depmod's output order. */
  modules: IndexedModule[];
  'modules.dep': string;
  'modules.alias': string;
  'modules.softdep': string;
  'modules.symbols': string;
  'modules.devname': string;
}

interface Mod {
  m: IndexedModule;
  name: string;
  deps: Mod[];
  users: number;
  sortIdx: number;
  depSortIdx: number;
}

export function runDepmod(found: readonly IndexedModule[], modulesOrder: readonly string[]): DepmodOutput {
  // modules_by_name: hash_add_unique, the first module found with a name wins
  const byName = new Map<string, IndexedModule>();
  for (const m of found) {
    const name = modnameOfPath(m.relpath);
    if (!byName.has(name)) byName.set(name, m);
  }
  const orderIdx = new Map<string, number>();
  modulesOrder.forEach((line, i) => {
    if (line !== '' && !orderIdx.has(line)) orderIdx.set(line, i + 1);
  });
  const total = modulesOrder.length + 1;
  const mods: Mod[] = hashOrder(byName.keys(), 512).map((name) => {
    const m = byName.get(name) as IndexedModule;
    const idx = orderIdx.get(m.relpath);
    return { m, name, deps: [], users: 0, sortIdx: idx === undefined ? 1 : idx - total, depSortIdx: Number.MAX_SAFE_INTEGER };
  });
  mods.sort((a, b) => a.sortIdx - b.sortIdx);

  const owner = new Map<string, Mod>();
  for (const mod of mods) for (const e of mod.m.image?.exports ?? []) owner.set(e.symbol, mod);
  for (const mod of mods) {
    for (const sym of mod.m.image?.imports ?? []) {
      const dep = owner.get(sym);
      if (!dep || mod.deps.includes(dep)) continue;
      mod.deps.push(dep);
      dep.users++;
    }
  }

  const users = mods.map((m) => m.users);
  const index = new Map(mods.map((m, i) => [m, i]));
  const roots: number[] = [];
  users.forEach((u, i) => {
    if (u === 0) roots.push(i);
  });
  let sorted = 0;
  while (roots.length > 0) {
    const src = mods[roots.pop() as number];
    src.depSortIdx = sorted++;
    for (const dst of src.deps) {
      const i = index.get(dst) as number;
      users[i]--;
      if (users[i] === 0) roots.push(i);
    }
  }
  // A cycle leaves modules unsorted; real depmod reports it and writes nothing. They keep
  // MAX_SAFE_INTEGER here so that the other lines still come out.

  const allDeps = (mod: Mod): Mod[] => {
    const out: Mod[] = [];
    const fill = (m: Mod) => {
      for (const d of m.deps) {
        if (out.includes(d)) continue;
        out.push(d);
        fill(d);
      }
    };
    fill(mod);
    return out.sort((a, b) => depKey(a) - depKey(b));
  };

  const dep = mods.map((mod) => {
    const deps = allDeps(mod);
    return `${mod.m.relpath}:${deps.map((d) => ' ' + d.m.relpath).join('')}\n`;
  }).join('');

  let alias = '# Aliases extracted from modules themselves.\n';
  let softdep = '# Soft dependencies extracted from modules themselves.\n';
  let devname = '';
  for (const mod of mods) {
    let dev: string | undefined;
    let type = '';
    let major = 0;
    let minor = 0;
    for (const [key, value] of mod.m.image?.modinfo ?? []) {
      if (key === 'alias') alias += `alias ${value} ${mod.name}\n`;
      if (key === 'softdep') softdep += `softdep ${mod.name} ${value}\n`;
    }
    for (const [key, value] of mod.m.image?.modinfo ?? []) {
      if (key !== 'alias') continue;
      let mm: RegExpExecArray | null;
      if (value.startsWith('devname:')) dev = value.slice('devname:'.length);
      else if ((mm = /^char-major-(\d+)-(\d+)/.exec(value))) [type, major, minor] = ['c', Number(mm[1]), Number(mm[2])];
      else if ((mm = /^block-major-(\d+)-(\d+)/.exec(value))) [type, major, minor] = ['b', Number(mm[1]), Number(mm[2])];
      if (type !== '' && dev !== undefined) break;
    }
    if (dev !== undefined && type !== '') {
      if (devname === '') devname = '# Device nodes to trigger on-demand module loading.\n';
      devname += `${mod.name} ${dev} ${type}${major}:${minor}\n`;
    }
  }

  let symbols = '# Aliases for symbols, used by symbol_request().\n';
  for (const sym of hashOrder(owner.keys(), 2048)) symbols += `alias symbol:${sym} ${(owner.get(sym) as Mod).name}\n`;

  return {
    modules: mods.map((m) => m.m),
    'modules.dep': dep,
    'modules.alias': alias,
    'modules.softdep': softdep,
    'modules.symbols': symbols,
    'modules.devname': devname,
  };
}
