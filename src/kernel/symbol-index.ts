/**
 * find_symbol()'s look-up in one owner's exports (vmlinux's, or a module's) by name, through
 * an index built once per export list instead of a scan of the list for every import of
 * every load. An export list is never changed once its image is made; the index is rebuilt
 * if its length ever differs, so a list that grew is never answered from an old index.
 */
import type { ExportedSymbol } from './image';

interface Index {
  length: number;
  byName: Map<string, ExportedSymbol[]>;
}

const indexes = new WeakMap<readonly ExportedSymbol[], Index>();

function indexOf(list: readonly ExportedSymbol[]): Index {
  let index = indexes.get(list);
  if (index?.length === list.length) return index;
  const byName = new Map<string, ExportedSymbol[]>();
  for (const s of list) {
    const same = byName.get(s.symbol);
    if (same) same.push(s);
    else byName.set(s.symbol, [s]);
  }
  index = { length: list.length, byName };
  indexes.set(list, index);
  return index;
}

/** The first export of NAME in LIST that the caller may use (a GPL-only one only when GPLOK), as a scan in list order finds it. */
export function exportOf(list: readonly ExportedSymbol[], name: string, gplok: boolean): ExportedSymbol | undefined {
  const same = indexOf(list).byName.get(name);
  if (!same) return undefined;
  return gplok ? same[0] : same.find((s) => !s.gpl);
}

/** Whether LIST exports NAME at all. */
export function isExported(list: readonly ExportedSymbol[], name: string): boolean {
  return indexOf(list).byName.has(name);
}
