/**
 * The index of the loaded modules' exports (src/kernel/loaded-exports.ts, issue 9) is kept
 * by each load and unload instead of being built again: after any sequence of loads and
 * unloads it must equal the index built from scratch, and find_symbol must answer as a
 * kernel opened afresh on the same state does.
 */
import { strict as assert } from 'node:assert';
import type { ModuleImage } from '../../src/kernel/image';
import type { LoadedModule } from '../../src/kernel/state';
import type { Linux } from '../../src/kernel/linux';
import { LoadedExports, exportsByName, type ExportOwner } from '../../src/kernel/loaded-exports';
import { createKernel } from '../../src/kernel';
import { bootMachine, openSystem } from '../../src/machine/machine';
import { runLine } from '../../src/shell';
import { boot, config, images, insmod, rmmod } from './fixtures';

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An index as plain rows (name → owner names and export flags), sorted by name. */
function rows(index: ReadonlyMap<string, readonly ExportOwner[]>): Array<[string, string[]]> {
  return [...index].map(([name, owners]): [string, string[]] => [name, owners.map((o) => `${o.owner.name}${o.symbol.gpl ? ' gpl' : ''}`)]).sort((a, b) => a[0].localeCompare(b[0]));
}

/** Images with overlapping exports (the same name in several modules, twice in one, GPL and not). */
function syntheticImages(count: number, pick: () => number): Map<string, ModuleImage> {
  const byId = new Map<string, ModuleImage>();
  for (let i = 0; i < count; i++) {
    const exports = Array.from({ length: Math.floor(pick() * 6) }, () => ({ symbol: `sym_${Math.floor(pick() * 12)}`, gpl: pick() < 0.3 }));
    byId.set(`img${i}`, { ...images[0], id: `img${i}`, name: `m${i}`, exports });
  }
  return byId;
}

describe('kernel: the loaded modules\' exports, kept by each load and unload (issue 9)', () => {
  it('equals the index built from scratch after random loads and unloads, building itself only once', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const pick = random(seed);
      const byId = syntheticImages(12, pick);
      const imageOf = (mod: LoadedModule): ModuleImage | undefined => byId.get(mod.image);
      const index = new LoadedExports(imageOf);
      const state: { modules: LoadedModule[] } = { modules: [] };
      let order = 0;
      for (let step = 0; step < 60; step++) {
        const loaded = new Set(state.modules.map((m) => m.image));
        const free = [...byId.keys()].filter((id) => !loaded.has(id));
        if (free.length > 0 && (state.modules.length === 0 || pick() < 0.55)) {
          const id = free[Math.floor(pick() * free.length)];
          state.modules.push({ name: (byId.get(id) as ModuleImage).name, image: id, state: 'live', refs: 0, uses: [], taint: '', params: {}, paramCounts: {}, address: 0, order: order++, loadedAt: 0 });
        } else {
          const gone = state.modules[Math.floor(pick() * state.modules.length)];
          // delete_module replaces the list; a failed init or a reap may take out in place too
          if (pick() < 0.5) state.modules = state.modules.filter((m) => m !== gone);
          else state.modules.splice(state.modules.indexOf(gone), 1);
        }
        assert.deepEqual(rows(index.entries(state.modules)), rows(exportsByName(state.modules, imageOf)), `seed ${seed}, step ${step}`);
      }
      assert.equal(index.stats.builds, 1, `seed ${seed}: built once, then kept`);
    }
  });

  it('builds itself again for a list it cannot follow: replaced, reordered, or a module added that is not the newest', () => {
    const pick = random(7);
    const byId = syntheticImages(6, pick);
    const imageOf = (mod: LoadedModule): ModuleImage | undefined => byId.get(mod.image);
    const mod = (i: number, order: number): LoadedModule => ({ name: `m${i}`, image: `img${i}`, state: 'live', refs: 0, uses: [], taint: '', params: {}, paramCounts: {}, address: 0, order, loadedAt: 0 });
    const index = new LoadedExports(imageOf);
    let list = [mod(0, 0), mod(1, 1), mod(2, 2)];
    const same = (): void => assert.deepEqual(rows(index.entries(list)), rows(exportsByName(list, imageOf)));
    same();
    list = [list[0], list[1], mod(2, 2)];
    same();
    list.reverse();
    same();
    list = [mod(3, 5), mod(4, 6)];
    same();
    list.push(mod(5, 1));
    same();
    list.push(mod(0, 9));
    same();
    assert.equal(index.stats.builds, 6);
  });

  it('answers find_symbol as a kernel opened afresh on the same state, after random insmod and rmmod', () => {
    const names = ['mod_b', 'mod_a', 'dup_a', 'dup_b', 'hello', 'mod_d_prop', 'noinit'];
    for (let seed = 1; seed <= 10; seed++) {
      const pick = random(seed);
      const { kernel, clock } = boot();
      const linux = kernel as Linux;
      for (let step = 0; step < 40; step++) {
        const name = names[Math.floor(pick() * names.length)];
        if (linux.find(name)) rmmod(kernel, name);
        else insmod(kernel, name);
        const fresh = createKernel(kernel.state, config, clock.fn) as Linux;
        for (const symbol of ['mod_b_add', 'mod_b_gpl_secret', 'dup_shared_fn', 'printk']) {
          for (const gplok of [true, false]) {
            const found = linux.findSymbol(symbol, gplok);
            const expected = fresh.findSymbol(symbol, gplok);
            assert.equal(found?.owner?.name, expected?.owner?.name, `seed ${seed}, step ${step}: ${symbol}`);
            assert.equal(found?.symbol, expected?.symbol);
          }
        }
        assert.deepEqual(rows(linux.loadedExports.entries(kernel.state.modules)), rows(exportsByName(kernel.state.modules, (m) => linux.image(m))));
      }
      assert.equal(linux.loadedExports.stats.builds, 1, `seed ${seed}: built once, then kept`);
    }
  });

  it('follows modprobe and modprobe -r of real modules with dependencies on one opened machine', () => {
    const options = { clock: () => Date.UTC(2026, 10, 25, 20, 18, 0), hostname: 'modlab' };
    const state = bootMachine(options);
    const sys = openSystem(state, options);
    const linux = sys.kernel as Linux;
    for (const line of ['modprobe ext4', 'modprobe vfat', 'modprobe -r ext4', 'modprobe btrfs', 'modprobe ext4', 'modprobe -r vfat', 'modprobe -r btrfs']) {
      assert.equal(runLine(line, sys, sys.programs).exitCode, 0, line);
      assert.deepEqual(rows(linux.loadedExports.entries(state.kernel.modules)), rows(exportsByName(state.kernel.modules, (m) => linux.image(m))), line);
    }
    assert.ok(linux.loadedExports.stats.added > 5, 'loads were followed');
    assert.equal(linux.loadedExports.stats.builds, 1);
  });
});
