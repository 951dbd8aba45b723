/**
 * The module images "on disk": the catalog of real Debian 6.1 modules, the teaching modules,
 * the /lib/modules/RELEASE tree with its depmod index, /etc and /lib/modprobe.d.
 */
import type { Clock } from '../contracts/clock';
import type { KernelConfig } from '../kernel/kernel';
import type { FileTree } from '../kernel/filetree';
import type { ModuleImage } from '../kernel/image';
import type { DiskState } from './disk-state';
import { INDEX_FILES, MODDIR, RELEASE } from './base-image';
import { bootLog } from './boot-log';
import { builtinSysfsModules } from './builtin';
import { catalogImages } from './catalog';
import { teachingByName } from './teaching';
import { Disk } from './disk';
import { cRunner } from '../cc/runner';
import { vmlinuxKallsyms } from './vmlinux-symbols';

export { RELEASE };

/** uname -v of linux-image-6.1.0-56-amd64 6.1.192-2. */
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)';

const builtins = builtinSysfsModules();

/** Every symbol some module image exports: importing one needs that module loaded (mod_a needs mod_b). */
const moduleSymbols: ReadonlySet<string> = new Set(
  [...catalogImages.values(), ...teachingByName.values()].flatMap((image) => image.exports.map((e) => e.symbol)),
);

const configs = new Map<string, KernelConfig>();

/** Everything the kernel needs to know about this Debian build (release, boot log, builtins, images). */
export function kernelConfig(hostname: string): KernelConfig {
  const cached = configs.get(hostname);
  if (cached) return cached;
  const config: KernelConfig = {
      release: RELEASE,
      version: KERNEL_VERSION,
      hostname,
      bootLog,
      builtins,
      vmlinuxExports: [],
      images: imageById,
    moduleSymbol: (symbol) => moduleSymbols.has(symbol),
    // modules built on the machine run their C when the kernel calls them
    runCode: cRunner,
    vmlinuxKallsyms,
  };
  configs.set(hostname, config);
  return config;
}

/** "catalog:vfat" (in-tree) or "oracle:hello" (teaching module). */
export function imageById(id: string): ModuleImage | undefined {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  const name = id.slice(colon + 1);
  if (kind === 'catalog') return catalogImages.get(name);
  if (kind === 'oracle') return teachingByName.get(name);
  return undefined;
}

/** A fresh disk: no changes over the base image. */
export function freshDisk(): DiskState {
  return { files: {} };
}

/** The disk as a file tree: base image + the scope's changes (writes go into `state`). */
export function createDisk(state: DiskState, clock: Clock): FileTree {
  return new Disk(state, clock, imagesOf(state));
}

/** Image lookup for one machine: the shared catalog and teaching images, then the ones built on its disk. */
export function imagesOf(state: DiskState): (id: string) => ModuleImage | undefined {
  return (id) => (id.startsWith('built:') ? state.images?.[id] : imageById(id));
}

/** Whether some image this machine knows exports SYMBOL (so importing it needs that module loaded). */
export function moduleSymbolOf(state: DiskState): (symbol: string) => boolean {
  return (symbol) => moduleSymbols.has(symbol) || Object.values(state.images ?? {}).some((image) => image.exports.some((e) => e.symbol === symbol));
}

/** depmod -a: index every .ko now under /lib/modules/RELEASE (sets state.indexed). */
export function reindex(state: DiskState, disk: FileTree, now?: number): void {
  const d = disk instanceof Disk ? disk : new Disk(state, () => 0, imagesOf(state));
  state.indexed = d.scanModules();
  state.indexedImages = d.imagesAt(state.indexed);
  // depmod writes every index file anew (to a temporary name, then rename): whatever a user
  // deleted or overwrote there is replaced by the generated content.
  for (const name of INDEX_FILES) delete state.files[`${MODDIR}/${name}`];
  if (now !== undefined) state.depmodAt = now;
}
