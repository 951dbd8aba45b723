/**
 * find_symbol()'s scan of the loaded modules (kernel/module/main.c: each module on the
 * `modules` list, newest first, then its symbol tables in order) as an index from a symbol's
 * name to its owners, in the order the scan meets them. It is derived from the module list
 * and never stored: the kernel builds it when a stored machine is opened (at its first
 * look-up), then keeps it in step with the list, a load putting the new module's exports in
 * front and an unload taking the module's out, instead of building it again from every
 * loaded module's exports after each change (issue 9: `modprobe ext4` loads four modules).
 *
 * Each look-up checks the list against the modules the index holds (the same objects, in
 * the same order), so a list changed by any path (a load, an unload, a failed init, an exit
 * ended in the background, a list replaced) is never answered from an old index. What it
 * cannot follow (a module added that is not the newest, a list in another order) makes it
 * build itself again.
 */
import type { ExportedSymbol, ModuleImage } from './image';
import type { LoadedModule } from './state';

/** A loaded module's export, as find_symbol finds it. */
export interface ExportOwner {
  owner: LoadedModule;
  symbol: ExportedSymbol;
}

const NONE: readonly ExportOwner[] = [];

/** Whether LIST is oldest first by load order (a load appends with the next order). */
function oldestFirst(list: readonly LoadedModule[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1].order >= list[i].order) return false;
  return true;
}

/** LIST newest first: reversed when it is oldest first, else sorted by load order. */
export function newestFirst(list: readonly LoadedModule[]): LoadedModule[] {
  return oldestFirst(list) ? list.slice().reverse() : [...list].sort((a, b) => b.order - a.order);
}

/** The index built from scratch: each module newest first, each one's exports in list order. */
export function exportsByName(list: readonly LoadedModule[], imageOf: (mod: LoadedModule) => ModuleImage | undefined): Map<string, ExportOwner[]> {
  const byName = new Map<string, ExportOwner[]>();
  for (const owner of newestFirst(list)) {
    for (const symbol of imageOf(owner)?.exports ?? []) {
      const same = byName.get(symbol.symbol);
      if (same) same.push({ owner, symbol });
      else byName.set(symbol.symbol, [{ owner, symbol }]);
    }
  }
  return byName;
}

export class LoadedExports {
  private byName = new Map<string, ExportOwner[]>();
  /** The modules indexed, in the list's order; undefined: nothing built yet. */
  private indexed?: LoadedModule[];
  /** The indexed list was oldest first, so a module appended with a higher order is the newest. */
  private ordered = true;
  /** The names each indexed module's exports are under (an unload takes out what its load put in). */
  private namesOf = new Map<LoadedModule, string[]>();
  /** Counters for the tests: builds from scratch, and loads and unloads followed. */
  readonly stats = { builds: 0, added: 0, removed: 0 };

  constructor(private readonly imageOf: (mod: LoadedModule) => ModuleImage | undefined) {}

  /** The owners of an export of NAME among LIST's modules, in find_symbol's order. */
  owners(list: readonly LoadedModule[], name: string): readonly ExportOwner[] {
    this.follow(list);
    return this.byName.get(name) ?? NONE;
  }

  /** The whole index for LIST (the tests compare it with exportsByName). */
  entries(list: readonly LoadedModule[]): ReadonlyMap<string, readonly ExportOwner[]> {
    this.follow(list);
    return this.byName;
  }

  /** Brings the index in line with LIST: the modules appended or taken out since, or a new build. */
  private follow(list: readonly LoadedModule[]): void {
    const indexed = this.indexed;
    if (indexed === undefined) return this.build(list);
    if (list.length === indexed.length) {
      for (let i = 0; i < list.length; i++) if (list[i] !== indexed[i]) return this.build(list);
      return;
    }
    if (list.length > indexed.length) {
      for (let i = 0; i < indexed.length; i++) if (list[i] !== indexed[i]) return this.build(list);
      let last = indexed.length > 0 ? indexed[indexed.length - 1].order : -Infinity;
      for (let i = indexed.length; i < list.length; i++) {
        if (!this.ordered || list[i].order <= last) return this.build(list);
        last = list[i].order;
      }
      for (let i = indexed.length; i < list.length; i++) this.add(list[i]);
      this.indexed = list.slice();
      return;
    }
    // Shorter: the list must be the indexed one with some modules taken out, in the same order.
    const gone: LoadedModule[] = [];
    let j = 0;
    for (const mod of indexed) {
      if (j < list.length && list[j] === mod) j++;
      else gone.push(mod);
    }
    if (j < list.length) return this.build(list);
    for (const mod of gone) this.remove(mod);
    this.indexed = list.slice();
  }

  private build(list: readonly LoadedModule[]): void {
    this.byName = exportsByName(list, this.imageOf);
    this.namesOf = new Map(list.map((mod) => [mod, [...new Set((this.imageOf(mod)?.exports ?? []).map((s) => s.symbol))]]));
    this.indexed = list.slice();
    this.ordered = oldestFirst(list);
    this.stats.builds++;
  }

  /** A load: the newest module's exports go in front of every older module's, in its list's order. */
  private add(mod: LoadedModule): void {
    const mine = new Map<string, ExportOwner[]>();
    for (const symbol of this.imageOf(mod)?.exports ?? []) {
      const same = mine.get(symbol.symbol);
      if (same) same.push({ owner: mod, symbol });
      else mine.set(symbol.symbol, [{ owner: mod, symbol }]);
    }
    for (const [name, owners] of mine) {
      const older = this.byName.get(name);
      this.byName.set(name, older ? owners.concat(older) : owners);
    }
    this.namesOf.set(mod, [...mine.keys()]);
    this.stats.added++;
  }

  /** An unload: the module's exports go. */
  private remove(mod: LoadedModule): void {
    for (const name of this.namesOf.get(mod) ?? []) {
      const owners = this.byName.get(name);
      if (!owners) continue;
      const rest = owners.filter((o) => o.owner !== mod);
      if (rest.length > 0) this.byName.set(name, rest);
      else this.byName.delete(name);
    }
    this.namesOf.delete(mod);
    this.stats.removed++;
  }
}
