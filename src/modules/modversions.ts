/**
 * Symbol versions (CONFIG_MODVERSIONS) read from the real .ko files of
 * linux-image-6.1.0-56-amd64 and from the oracle's teaching modules built against
 * linux-headers-6.1.0-56-amd64: each module's __versions section and the CRCs of its exports,
 * plus the vmlinux CRCs (Module.symvers) a module built here may import.
 * Data: data/modversions.json, written by scripts/build-modversions.ts. One symbol has one
 * CRC everywhere (exporter, Module.symvers, every importer), so the data names each symbol
 * once and modules list indexes into that table.
 */
import data from './data/modversions.json';

interface Entry {
  versions: number[];
  exports?: number[];
}

interface Data {
  symbols: string[];
  crcs: number[];
  gpl: number[];
  teaching: Record<string, Entry>;
  modules: Record<string, Entry>;
}

const table = data as Data;
const bySymbol = new Map(table.symbols.map((s, i) => [s, i]));
const gplExports = new Set(table.gpl.map((i) => table.symbols[i]));

export interface SymbolVersions {
  modversions: Array<[number, string]>;
  exportCrcs?: Array<[number, string]>;
}

function versionsOf(entry: Entry | undefined): SymbolVersions | undefined {
  if (!entry) return undefined;
  const pair = (i: number): [number, string] => [table.crcs[i], table.symbols[i]];
  const out: SymbolVersions = { modversions: entry.versions.map(pair) };
  if (entry.exports) out.exportCrcs = entry.exports.map(pair);
  return out;
}

/** The __versions and export CRCs of catalog module NAME. */
export function catalogVersions(name: string): SymbolVersions | undefined {
  return versionsOf(table.modules[name]);
}

/** The same for one of the oracle's teaching modules (../shared/oracle/modules). */
export function teachingVersions(name: string): SymbolVersions | undefined {
  return versionsOf(table.teaching[name]);
}

/** Exports of the teaching modules: not in the headers' Module.symvers, modpost cannot know them. */
const teachingExports = new Set(Object.values(table.teaching).flatMap((e) => (e.exports ?? []).map((i) => table.symbols[i])));

/**
 * The CRC the headers' Module.symvers gives SYMBOL (vmlinux's and the in-tree modules'
 * exports), as modpost reads it for an external module; undefined when it is not there.
 */
export function symbolCrc(symbol: string): number | undefined {
  const i = bySymbol.get(symbol);
  return i === undefined || teachingExports.has(symbol) ? undefined : table.crcs[i];
}

/** True when Module.symvers lists SYMBOL as EXPORT_SYMBOL_GPL. */
export function isGplExport(symbol: string): boolean {
  return gplExports.has(symbol);
}
