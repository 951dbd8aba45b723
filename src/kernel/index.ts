// Placeholder: the kernel helper replaces this file.
import type { Clock } from './clock';
import type { Kernel, KernelConfig } from './kernel';
import type { KernelState } from './state';

/** Wrap a persisted KernelState. */
export function createKernel(_state: KernelState, _config: KernelConfig, _clock: Clock): Kernel {
  throw new Error('kernel not written yet');
}

/** A freshly booted kernel: boot log in the ring, nothing loaded, untainted. */
export function bootKernel(_config: KernelConfig, _clock: Clock, _extraCmdline: string): KernelState {
  throw new Error('kernel not written yet');
}
