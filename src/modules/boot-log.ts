/**
 * The boot log of the oracle's catalog VM (boot-dmesg.txt → data/boot.json), replayed into a
 * fresh ring at boot. Levels: see bootLevel in scripts/build-catalog.ts (warnings as
 * 09-dmesg's `dmesg --level=err,warn` shows them, pr_notice banner, the rest info).
 * The recorded command line is the oracle's `console=ttyS0 panic=-1`.
 */
import type { LogLevel } from '../kernel/image';
import data from './data/boot.json';

export interface BootRecord { usec: number; level: LogLevel; facility: number; text: string }

export const bootLog: readonly BootRecord[] = (data as Array<[number, number, string]>).map(([usec, level, text]) => ({
  usec,
  level: level as LogLevel,
  facility: 0,
  text,
}));
