import { strict as assert } from 'node:assert';
import { bootKernel, createKernel } from '../../src/kernel';
import type { KernelConfig } from '../../src/kernel/kernel';
import type { ModuleImage } from '../../src/kernel/image';
import { config, img, TestClock } from './fixtures';

/** dummy and bonding as the catalog declares them: devices named by a count parameter. */
const netImages: ModuleImage[] = [
  { ...img('dummy'), id: 'net:dummy', params: [{ name: 'numdummies', type: 'int', perm: 0, default: '1' }], netdevs: { prefix: 'dummy', countParam: 'numdummies', flags: 'BROADCAST,NOARP' } },
  { ...img('dummy'), id: 'net:bonding', name: 'bonding', params: [{ name: 'max_bonds', type: 'int', perm: 0, default: '1' }], netdevs: { prefix: 'bond', countParam: 'max_bonds', flags: 'BROADCAST,MULTICAST,MASTER', classFile: 'bonding_masters' } },
];
const netConfig: KernelConfig = { ...config, images: (id) => netImages.find((i) => i.id === id) ?? config.images(id) };

/** ls sorts; kernfs hands entries out in its own order. */
function names(list: string[] | number): string[] | number {
  return typeof list === 'number' ? list : [...list].sort();
}

function bootNet() {
  const clock = new TestClock();
  const kernel = createKernel(bootKernel(netConfig, clock.fn, ''), netConfig, clock.fn);
  const load = (name: string, params = ''): number => kernel.finitModule({ kind: 'image', image: netImages.find((i) => i.name === name) as ModuleImage }, params, 0);
  return { kernel, load };
}

describe('kernel: network devices drivers register (08-intree)', () => {
  it('has only lo before any driver is loaded', () => {
    const { kernel } = bootNet();
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net')), ['lo']);
    assert.equal(kernel.sysfs.read('/sys/class/net/lo/ifindex'), '1\n');
  });

  it('links each class entry to its device under /sys/devices/virtual/net, size 0 (13-sysfs-corners)', () => {
    const { kernel } = bootNet();
    const st = kernel.sysfs.stat('/sys/class/net/lo');
    assert.deepEqual(typeof st === 'number' ? st : [st.type, st.target, st.size], ['symlink', '../../devices/virtual/net/lo', 0]);
    assert.deepEqual(names(kernel.sysfs.list('/sys/devices/virtual/net')), ['lo']);
    assert.equal(kernel.sysfs.read('/sys/devices/virtual/net/lo/mtu'), '65536\n');
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net/lo')), names(kernel.sysfs.list('/sys/devices/virtual/net/lo')));
    assert.equal(kernel.sysfs.stat('/sys/devices/virtual/nope'), -2);
  });

  it('registers as many devices as the count parameter says, from ifindex 2', () => {
    const { kernel, load } = bootNet();
    assert.equal(load('dummy', 'numdummies=2'), 0);
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net')), ['dummy0', 'dummy1', 'lo']);
    assert.equal(kernel.sysfs.read('/sys/class/net/dummy1/ifindex'), '3\n');
    assert.match(String(kernel.sysfs.read('/sys/class/net/dummy0/address')), /^[0-9a-f][26ae](:[0-9a-f]{2}){5}\n$/);
  });

  it('uses the parameter default (a plain insmod dummy.ko makes dummy0) and zero makes none', () => {
    const { kernel, load } = bootNet();
    load('dummy');
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net')), ['dummy0', 'lo']);
    kernel.deleteModule('dummy', 0);
    load('dummy', 'numdummies=0');
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net')), ['lo']);
  });

  it('removes the devices with their module and never reuses an index', () => {
    const { kernel, load } = bootNet();
    load('dummy');
    kernel.deleteModule('dummy', 0);
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net')), ['lo']);
    load('dummy');
    assert.equal(kernel.sysfs.read('/sys/class/net/dummy0/ifindex'), '3\n');
  });

  it('adds bonding_masters beside the bonds (max_bonds=0: the file only)', () => {
    const { kernel, load } = bootNet();
    load('bonding', 'max_bonds=0');
    assert.deepEqual(names(kernel.sysfs.list('/sys/class/net')), ['bonding_masters', 'lo']);
    assert.equal(kernel.sysfs.read('/sys/class/net/bonding_masters'), '\n');
    kernel.deleteModule('bonding', 0);
    load('bonding');
    assert.equal(kernel.sysfs.read('/sys/class/net/bonding_masters'), 'bond0\n');
  });
});
