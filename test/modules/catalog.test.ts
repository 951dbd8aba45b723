import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createDisk, freshDisk, imageById, kernelConfig, reindex } from '../../src/modules';
import { catalogImages } from '../../src/modules/catalog';
import { hashOrder } from '../../src/modules/kmod-hash';

/** Copies of ../shared/oracle/catalog's index files, so the suite needs nothing beside the repo. */
const CATALOG = path.resolve(__dirname, '../../../test/fixtures/catalog');
const MODDIR = '/lib/modules/6.1.0-56-amd64';

function oracle(name: string): string {
  return fs.readFileSync(path.join(CATALOG, name), 'utf8');
}

describe('module catalog', () => {
  it('holds the 157 in-tree modules of the oracle catalog', () => {
    assert.equal(catalogImages.size, 157);
    assert.equal(imageById('catalog:vfat')?.name, 'vfat');
    assert.equal(imageById('oracle:hello')?.srcversion, 'FF0EDAE6DBB6A7FB7F29B73');
    assert.equal(imageById('nosuch:thing'), undefined);
  });

  it('gives each in-tree module the package file\'s size and build id (file vfat.ko in 22-lab-time-procs)', () => {
    const vfat = catalogImages.get('vfat');
    assert.equal(vfat?.fileSize, 40785);
    assert.equal(vfat?.buildId, '18aff484f2f491410bcf0100d4b18c8b0120f189');
    const ids = new Set([...catalogImages.values()].map((i) => i.buildId));
    assert.equal(ids.size, catalogImages.size, 'every build id differs');
    for (const image of catalogImages.values()) assert.match(image.buildId ?? '', /^[0-9a-f]{40}$/);
  });

  it('reproduces every modules.dep line of the catalog for the base set', function () {
    const want = oracle('modules.dep.txt');
    const dep = createDisk(freshDisk(), () => 0).read(`${MODDIR}/modules.dep`) as string;
    const kernelLines = dep.split('\n').filter((l) => l.startsWith('kernel/'));
    assert.deepEqual(kernelLines, (want as string).split('\n').filter((l) => l !== ''));
    assert.equal(dep.split('\n').length - 1, 170);
  });

  it('lists extra/ in kmod hash order, as 03-deps shows', () => {
    const dep = createDisk(freshDisk(), () => 0).read(`${MODDIR}/modules.dep`) as string;
    assert.equal(dep.split('\n').filter((l) => l.startsWith('extra/')).join('\n'), [
      'extra/fail_eperm.ko:', 'extra/mod_c_prop.ko: extra/mod_b.ko', 'extra/mod_d_prop.ko: extra/mod_b.ko', 'extra/lkm2.ko:', 'extra/mod_b.ko:',
      'extra/hello.ko:', 'extra/fail_enodev.ko:', 'extra/noexit.ko:', 'extra/hello_param.ko:', 'extra/mod_a.ko: extra/mod_b.ko',
      'extra/hello_old.ko:', 'extra/lkm.ko:', 'extra/fail_ebusy.ko:',
    ].join('\n'));
  });

  it('writes modules.alias, modules.softdep and modules.devname exactly as depmod did', function () {
    const disk = createDisk(freshDisk(), () => 0);
    for (const name of ['modules.alias', 'modules.softdep', 'modules.devname']) {
      const want = oracle(`${name}.txt`);
      assert.equal(disk.read(`${MODDIR}/${name}`), want, name);
    }
  });

  it('orders modules.symbols by kmod hash buckets (catalog order plus mod_b exports)', function () {
    const want = oracle('modules.symbols.txt');
    const got = (createDisk(freshDisk(), () => 0).read(`${MODDIR}/modules.symbols`) as string).split('\n').filter((l) => !l.endsWith(' mod_b'));
    assert.deepEqual(got, (want as string).split('\n'));
    assert.deepEqual(hashOrder(['b', 'a'], 2048), hashOrder(['a', 'b'], 2048));
  });

  it('finds a module copied into extra/ only after depmod', () => {
    const state = freshDisk();
    const disk = createDisk(state, () => 0);
    assert.equal(disk.copy?.('/root/hello.ko', `${MODDIR}/extra/hello2.ko`), 0);
    assert.equal(disk.stat(`${MODDIR}/extra/hello2.ko`) !== -2 && (disk.stat(`${MODDIR}/extra/hello2.ko`) as { image?: string }).image, 'oracle:hello');
    assert.ok(!(disk.read(`${MODDIR}/modules.dep`) as string).includes('hello2'));
    reindex(state, disk);
    assert.ok((disk.read(`${MODDIR}/modules.dep`) as string).includes('extra/hello2.ko:\n'));
  });

  it('makes /lib and /usr/lib the same directory (merged /usr)', () => {
    const disk = createDisk(freshDisk(), () => 0);
    assert.equal(disk.read('/lib/modprobe.d/systemd.conf'), disk.read('/usr/lib/modprobe.d/systemd.conf'));
    assert.deepEqual(disk.stat('/lib'), { type: 'symlink', mode: 0o777, size: 7, mtime: Date.UTC(2026, 10, 16), target: 'usr/lib' });
    assert.equal(disk.write('/lib/modprobe.d/x.conf', 'blacklist vfat\n', false), 0);
    assert.equal(disk.read('/usr/lib/modprobe.d/x.conf'), 'blacklist vfat\n');
  });

  it('reports missing paths and directories with errnos', () => {
    const disk = createDisk(freshDisk(), () => 0);
    assert.equal(disk.read('/nosuch'), -2);
    assert.equal(disk.read('/etc'), -21);
    assert.equal(disk.list('/etc/passwd'), -20);
    assert.equal(disk.write('/nosuchdir/f', 'x', false), -2);
    assert.equal(disk.mkdir?.('/tmp'), -17);
  });

  it('gives kvm_intel the -EOPNOTSUPP init and its kernel message', () => {
    const kvm = catalogImages.get('kvm_intel');
    assert.deepEqual(kvm?.init, { printk: [{ level: 3, text: "kvm: no hardware support for 'kvm_intel'" }], returns: -95 });
  });

  it('describes the booted kernel', () => {
    const config = kernelConfig('oracle');
    assert.equal(config.release, '6.1.0-56-amd64');
    assert.equal(config.version, '#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)');
    assert.ok(config.bootLog[0].text.startsWith('Linux version 6.1.0-56-amd64'));
    assert.ok(config.builtins.some((b) => b.name === 'printk'));
  });
});
