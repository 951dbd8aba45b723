/**
 * The merge of lab (path lookup follows symbolic links) with cc (the headers package's
 * /lib/modules/RELEASE/build link, module sources, built images) and bounds (disk quotas):
 * every base-image link is resolved by the one VFS walk, and links a user makes count
 * against the scope's disk like any file.
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from './fresh-machine';

describe('base-image links, built modules and quotas together', () => {
  const { run } = freshMachineEachTest();

  it('resolves /lib/modules/RELEASE/build and its scripts link through the walk', () => {
    assert.deepEqual(run('readlink /lib/modules/$(uname -r)/build'), { output: '/usr/src/linux-headers-6.1.0-56-amd64\n', status: 0 });
    assert.deepEqual(run('readlink -f /lib/modules/$(uname -r)/build/scripts'), { output: '/usr/lib/linux-kbuild-6.1/scripts\n', status: 0 });
    assert.deepEqual(run('cat /lib/modules/$(uname -r)/build/Makefile'), { output: 'include /usr/src/linux-headers-6.1.0-56-common/Makefile\n', status: 0 });
    assert.deepEqual(run('ls /lib/modules/$(uname -r)/build/'), { output: 'Makefile\narch\ninclude\nscripts\ntools\n', status: 0 });
  });

  it('keeps /etc/os-release a link beside the build link', () => {
    assert.deepEqual(run('readlink /etc/os-release'), { output: '../usr/lib/os-release\n', status: 0 });
    assert.deepEqual(run('head -1 /etc/os-release'), { output: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n', status: 0 });
  });

  it('loads a module built with make through a link of the user', () => {
    assert.equal(run('cd /usr/src/modlab/hello && make').status, 0);
    assert.deepEqual(run('ln -s /usr/src/modlab/hello/hello.ko /root/l.ko && readlink -f /root/l.ko'), { output: '/usr/src/modlab/hello/hello.ko\n', status: 0 });
    assert.deepEqual(run('insmod /root/l.ko && lsmod | grep -c ^hello'), { output: '1\n', status: 0 });
  });

  it('fails ln -s with ENOSPC on a full disk, and leaves no link', () => {
    run('for i in 1 2 3 4 5 6 7 8 9; do head -c 60000 /dev/zero | tr "\\0" a > /root/f$i; done');
    assert.deepEqual(run('ln -s /usr/src/linux-headers-6.1.0-56-amd64/include/linux/module.h /root/l1'), {
      output: "ln: failed to create symbolic link '/root/l1': No space left on device\n",
      status: 1,
    });
    assert.deepEqual(run('ls /root/l1 2>&1'), { output: "ls: cannot access '/root/l1': No such file or directory\n", status: 2 });
  });
});
