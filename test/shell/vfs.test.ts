import { strict as assert } from 'node:assert';
import { fakeSystem } from './fake-system';
import { EXDEV } from '../../src/kernel/errno';
import { isPseudoPath } from '../../src/kernel/filetree';

describe('vfs: the mount table', () => {
  it('lists /dev, /proc and /sys in / beside the disk', () => {
    const names = fakeSystem().sys.fs.list('/');
    assert.deepEqual(names, ['dev', 'etc', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr']);
  });

  it('sends each path to the tree it is mounted on', () => {
    const { fs } = fakeSystem().sys;
    assert.equal(fs.read('/proc/sys/kernel/printk'), '7\t4\t1\t7\n');
    assert.equal(fs.read('/sys/module/hello_param/parameters/myint'), '42\n');
    assert.equal(fs.read('/etc/hostname'), 'oracle\n');
  });

  it('marks kernel filesystems, which refuse unlink and rename across mounts', () => {
    const { fs } = fakeSystem().sys;
    assert.equal(isPseudoPath('/sys/module'), true);
    assert.equal(isPseudoPath('/system'), false);
    assert.equal(fs.unlink?.('/proc/modules'), -1);
    assert.equal(fs.rename?.('/proc/modules', '/root/m'), -EXDEV);
  });

  it('reads /dev/kmsg as "PRI,SEQ,USEC,FLAGS;TEXT" records', () => {
    const { fs } = fakeSystem().sys;
    const first = (fs.read('/dev/kmsg') as string).split('\n')[0];
    assert.equal(first, '5,0,0,-;Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)');
  });

  it('gives -ENOENT for a missing device and -EISDIR for /dev itself', () => {
    const { fs } = fakeSystem().sys;
    assert.equal(fs.read('/dev/nosuch'), -2);
    assert.equal(fs.read('/dev'), -21);
  });
});
