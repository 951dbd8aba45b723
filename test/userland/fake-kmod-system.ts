/**
 * A small fake Kernel for testing the kmod tools before (and independently of) src/kernel:
 * load resolves imports against loaded exports, runs init's return value, tracks holders.
 */
import type { Kernel, ModuleFile } from '../../src/kernel/kernel';
import type { LoadedModule, LogRecord } from '../../src/kernel/state';
import type { LogLevel } from '../../src/kernel/image';
import type { HistoryEntry, Io, System } from '../../src/userland/tool';
import { ProcessTable } from '../../src/kernel/process';
import { createDisk, freshDisk, kernelConfig, reindex } from '../../src/modules';
import type { DiskState } from '../../src/modules/disk-state';
import { resolvePath } from '../../src/machine/path';
import { execProgram } from '../../src/machine/exec';
import { toolsByName } from '../../src/userland';

export function fakeKernel(): Kernel & { calls: string[] } {
  const config = kernelConfig('test');
  const mods: LoadedModule[] = [];
  const log: LogRecord[] = [];
  const calls: string[] = [];
  let order = 0;
  const find = (name: string) => mods.find((m) => m.name === name);
  const holders = (name: string) => mods.filter((m) => m.uses.includes(name)).map((m) => m.name);
  const printk = (level: LogLevel, text: string): LogRecord => {
    const r: LogRecord = { seq: log.length, usec: log.length, level, facility: 0, text };
    log.push(r);
    return r;
  };
  const state = { nextPid: 100 } as Kernel['state'];
  const kernel = {
    calls,
    config,
    state,
    processes: new ProcessTable(state, () => 0),
    uptimeUsec: () => 0,
    finitModule(file: ModuleFile, params: string, flags: number): number {
      if (file.kind !== 'image') return -8;
      const image = file.image;
      calls.push(`finit ${image.name} '${params}' ${flags}`);
      if (find(image.name)) return -17;
      const uses: string[] = [];
      for (const sym of image.imports) {
        const owner = mods.find((m) => config.images(m.image)?.exports.some((e) => e.symbol === sym));
        if (!owner) {
          printk(3, `${image.name}: Unknown symbol ${sym} (err -2)`);
          return -2;
        }
        if (!uses.includes(owner.name)) uses.push(owner.name);
      }
      for (const p of image.init?.printk ?? []) printk(p.level, p.text);
      const ret = image.init?.returns ?? 0;
      if (ret < 0) return ret;
      mods.unshift({ name: image.name, image: image.id, state: 'live', refs: 0, uses, taint: '', params: {}, paramCounts: {}, address: 0, order: order++ });
      return 0;
    },
    deleteModule(name: string, flags: number): number {
      calls.push(`delete ${name} ${flags}`);
      const m = find(name);
      if (!m) return -2;
      if (holders(name).length > 0) return -11;
      const image = config.images(m.image);
      if (!image?.exit) return -16;
      for (const p of image.exit.printk) printk(p.level, p.text);
      mods.splice(mods.indexOf(m), 1);
      return 0;
    },
    modules: () => mods,
    find,
    holders,
    refcnt: (name: string) => holders(name).length + (find(name)?.refs ?? 0),
    printk,
    readLog: () => log,
    clearLog: () => undefined,
    procfs: undefined as unknown as Kernel['procfs'],
    sysfs: undefined as unknown as Kernel['sysfs'],
  };
  return kernel as unknown as Kernel & { calls: string[] };
}

export interface TestMachine {
  sys: System;
  disk: DiskState;
  kernel: Kernel & { calls: string[] };
  run(tool: { main: (argv: string[], io: Io, sys: System) => number }, argv: string[]): { out: string; err: string; status: number; all: string };
}

export function testMachine(): TestMachine {
  const disk = freshDisk();
  const fs = createDisk(disk, () => Date.UTC(2026, 10, 25, 20, 0, 0));
  const kernel = fakeKernel();
  const history: HistoryEntry[] = [];
  const sys: System = {
    kernel,
    fs,
    cwd: '/root',
    uid: 0,
    env: {},
    history,
    resolve: (p: string) => resolvePath(sys.cwd, p),
    depmod: () => reindex(disk, fs),
    exec: (argv, io) => execProgram(sys, toolsByName, argv, io),
    programs: toolsByName,
    logins: [],
  };
  return {
    sys,
    disk,
    kernel,
    run(tool, argv) {
      let out = '';
      let err = '';
      let all = '';
      const io: Io = { stdin: '', out: (t) => { out += t; all += t; }, err: (t) => { err += t; all += t; } };
      const status = tool.main(argv, io, sys);
      return { out, err, status, all };
    },
  };
}
