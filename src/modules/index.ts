// Placeholder: the modules helper replaces this file.
import type { Clock } from '../kernel/clock';
import type { KernelConfig } from '../kernel/kernel';
import type { FileTree } from '../kernel/filetree';
import type { ModuleImage } from '../kernel/image';
import type { DiskState } from './disk-state';

export const RELEASE = '6.1.0-56-amd64';

/** Everything the kernel needs to know about this Debian build (release, boot log, builtins, images). */
export function kernelConfig(hostname: string): KernelConfig {
  throw new Error(`modules not written yet ${hostname}`);
}

export function imageById(_id: string): ModuleImage | undefined {
  return undefined;
}

/** A fresh disk: no changes over the base image. */
export function freshDisk(): DiskState {
  return { files: {} };
}

/** The disk as a file tree: base image + the scope's changes (writes go into `state`). */
export function createDisk(_state: DiskState, _clock: Clock): FileTree {
  throw new Error('modules not written yet');
}

/** depmod -a: index every .ko now under /lib/modules/RELEASE (sets state.indexed). */
export function reindex(_state: DiskState, _disk: FileTree): void {
  throw new Error('modules not written yet');
}
