/**
 * The 157 real in-tree modules of linux-image-6.1.0-56-amd64 (6.1.192-2) that the oracle's
 * catalog describes, as ModuleImages. Data: data/catalog.json, written by
 * scripts/build-catalog.ts from ../shared/oracle/catalog; the files' sizes and build ids in
 * data/package-files.json, by scripts/record-package-files.ts from the package itself.
 *
 * Exports are EXPORT_SYMBOL or EXPORT_SYMBOL_GPL as the headers' Module.symvers says, with
 * the __versions section and export CRCs of the real .ko (modversions.ts). Imports are the
 * symbols of its __versions that catalog modules export (vmlinux's need no resolving here),
 * so loading makes every dependency real (holders, refcnt, one "Unknown symbol" line per
 * missing one) and depmod finds the same modules.dep.
 */
import type { NetdevSpec } from '../kernel/image';
import type { ExportedSymbol, LogLevel, ModuleImage, ParamDef, ParamType } from '../kernel/image';
import data from './data/catalog.json';
import { catalogVersions, isGplExport } from './modversions';
import kallsyms from './data/kallsyms.json';
import packageFiles from './data/package-files.json';

export const VERMAGIC = '6.1.0-56-amd64 SMP preempt mod_unload modversions ';

interface CatalogEntry {
  name: string;
  path: string;
  modinfo: string[][];
  coresize: number;
  params: Array<{ name: string; type: string; arrayMax?: number; perm: number; default: string; description?: string }>;
  exports: string[];
  imports: string[];
  init: { printk: Array<Array<number | string>>; returns: number };
}

const entries = (data as { order: string[]; modules: CatalogEntry[] }).modules;

/** Every symbol some catalog module exports. */
const moduleExports = new Set(entries.flatMap((e) => e.exports));

/** The module-exported symbols of NAME's __versions, in order; the recorded ones without it. */
function importsOf(e: CatalogEntry): string[] {
  const versions = catalogVersions(e.name)?.modversions;
  return versions ? versions.map(([, symbol]) => symbol).filter((symbol) => moduleExports.has(symbol)) : e.imports;
}

/**
 * Order of depmod's topological numbering over the package's full tree, restricted to the
 * catalog (recovered from the recorded modules.dep lines by scripts/build-catalog.ts).
 */
export const catalogDepRank: ReadonlyMap<string, number> = new Map((data as { depRank: string[] }).depRank.map((p, i) => [p, i]));

/** modules.order of the package, restricted to the catalog (modules.dep.txt's order). */
export const catalogOrder: readonly string[] = (data as { order: string[] }).order;

/** Size and build id of the package's .ko at PATH (relative to /lib/modules/RELEASE). */
function packageFile(path: string): [number, string] {
  const entry = (packageFiles as Record<string, Array<number | string>>)[path];
  if (!entry || typeof entry[0] !== 'number' || typeof entry[1] !== 'string') throw new Error(`data/package-files.json lacks ${path}`);
  return [entry[0], entry[1]];
}

function toImage(e: CatalogEntry): ModuleImage {
  const field = (key: string) => e.modinfo.find(([k]) => k === key)?.[1];
  const exports: ExportedSymbol[] = e.exports.map((symbol) => ({ symbol, gpl: isGplExport(symbol) }));
  const params: ParamDef[] = e.params.map((p) => ({ ...p, type: p.type as ParamType, default: PERM0_DEFAULTS[`${e.name}.${p.name}`] ?? p.default }));
  return {
    id: `catalog:${e.name}`,
    name: e.name,
    modinfo: e.modinfo.map(([k, v]) => [k, v] as [string, string]),
    license: field('license'),
    vermagic: field('vermagic') ?? VERMAGIC,
    intree: true,
    signed: true,
    coresize: e.coresize,
    initsize: 0,
    // The package's own file: its size (ls -l, stat) and build id (file), recorded by
    // scripts/record-package-files.ts.
    fileSize: packageFile(e.path)[0],
    buildId: packageFile(e.path)[1],
    srcversion: field('srcversion'),
    version: field('version'),
    exports,
    imports: importsOf(e),
    params,
    init: { printk: e.init.printk.map(([level, text]) => ({ level: level as LogLevel, text: String(text) })), returns: e.init.returns },
    exit: { printk: [] },
    netdevs: NETDEVS[e.name],
    ...catalogVersions(e.name),
    ...(KALLSYMS[e.name] ? { symtab: KALLSYMS[e.name] } : {}),
  };
}

/** The real core symtab of the lab's smaller in-tree modules (scripts/build-modversions.ts). */
const KALLSYMS = kallsyms as Readonly<Record<string, string[]>>;

/**
 * Defaults of parameters with perm 0, which no sysfs listing shows (the catalog records 0):
 * drivers/net/dummy.c `static int numdummies = 1;`, drivers/net/bonding/bond_main.c
 * `max_bonds = BOND_DEFAULT_MAX_BONDS` (1). 08-intree: a plain insmod dummy.ko makes dummy0.
 */
const PERM0_DEFAULTS: Readonly<Record<string, string>> = {
  'dummy.numdummies': '1',
  'bonding.max_bonds': '1',
};

/** Drivers that register network devices at init, as many as their count parameter says. */
const NETDEVS: Readonly<Record<string, NetdevSpec>> = {
  dummy: { prefix: 'dummy', countParam: 'numdummies', flags: 'BROADCAST,NOARP' },
  bonding: { prefix: 'bond', countParam: 'max_bonds', flags: 'BROADCAST,MULTICAST,MASTER', classFile: 'bonding_masters' },
};

/** Catalog images by module name. */
export const catalogImages: ReadonlyMap<string, ModuleImage> = new Map(entries.map((e) => [e.name, toImage(e)]));
/** Path under /lib/modules/RELEASE of each catalog module, by name. */
export const catalogPaths: ReadonlyMap<string, string> = new Map(entries.map((e) => [e.name, e.path]));
