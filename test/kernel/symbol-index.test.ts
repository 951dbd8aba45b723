import { strict as assert } from 'node:assert';
import type { ExportedSymbol } from '../../src/kernel/image';
import { exportOf, isExported } from '../../src/kernel/symbol-index';
import { boot, insmod, rmmod } from './fixtures';
import type { Linux } from '../../src/kernel/linux';

describe('kernel: find_symbol by index', () => {
  const list: ExportedSymbol[] = [
    { symbol: 'gpl_first', gpl: true },
    { symbol: 'gpl_first', gpl: false },
    { symbol: 'plain', gpl: false },
    { symbol: '__proto__', gpl: false },
  ];

  it('finds the first usable export in list order, as the scan did', () => {
    assert.equal(exportOf(list, 'gpl_first', true), list[0]);
    assert.equal(exportOf(list, 'gpl_first', false), list[1]);
    assert.equal(exportOf(list, 'plain', false), list[2]);
    assert.equal(exportOf(list, 'missing', true), undefined);
    assert.equal(isExported(list, 'missing'), false);
  });

  it('takes names of Object.prototype as plain names', () => {
    assert.equal(exportOf(list, '__proto__', false), list[3]);
    assert.equal(exportOf(list, 'constructor', true), undefined);
    assert.equal(isExported(list, 'toString'), false);
  });

  it('never answers a list that grew from its old index', () => {
    const growing: ExportedSymbol[] = [{ symbol: 'a', gpl: false }];
    assert.equal(isExported(growing, 'b'), false);
    growing.push({ symbol: 'b', gpl: true });
    assert.equal(exportOf(growing, 'b', true), growing[1]);
    assert.equal(exportOf(growing, 'b', false), undefined);
  });
});

describe('kernel: the module list newest first', () => {
  it('lists newest first after loads and unloads, and sorts a list stored in another order', () => {
    const { kernel } = boot();
    insmod(kernel, 'mod_b');
    insmod(kernel, 'hello');
    insmod(kernel, 'mod_a');
    rmmod(kernel, 'hello');
    insmod(kernel, 'hello');
    assert.deepEqual(kernel.modules().map((m) => m.name), ['hello', 'mod_a', 'mod_b']);
    kernel.state.modules.reverse();
    assert.deepEqual(kernel.modules().map((m) => m.name), ['hello', 'mod_a', 'mod_b']);
    assert.deepEqual(kernel.holders('mod_b'), ['mod_a']);
  });
});

describe('kernel: find_symbol over the loaded modules', () => {
  it('finds the exporter, hides a GPL-only export, skips the excluded one, and forgets an unloaded one', () => {
    const { kernel } = boot();
    const linux = kernel as Linux;
    insmod(kernel, 'mod_b');
    assert.equal(linux.findSymbol('mod_b_add', true)?.owner?.name, 'mod_b');
    assert.equal(linux.findSymbol('mod_b_gpl_secret', true)?.owner?.name, 'mod_b');
    assert.equal(linux.findSymbol('mod_b_gpl_secret', false), undefined);
    assert.equal(linux.findSymbol('mod_b_add', true, 'mod_b'), undefined);
    assert.equal(rmmod(kernel, 'mod_b')[0], 0);
    assert.equal(linux.findSymbol('mod_b_add', true), undefined);
    insmod(kernel, 'mod_b');
    assert.equal(linux.findSymbol('mod_b_add', true)?.owner?.name, 'mod_b');
  });
});
