/**
 * /proc/sys: the nine sysctl directories of 6.1 (23-lab-proc) and the few sysctls outside
 * kernel/ whose values this machine knows, writable within the kernel's ranges.
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from '../machine/fresh-machine';

describe('/proc/sys', () => {
  const { run } = freshMachineEachTest(Date.UTC(2026, 11, 5, 9, 0, 0));

  it('lists the nine directories, as the oracle did', () => {
    assert.equal(run('ls /proc/sys').output, 'abi\ncrypto\ndebug\ndev\nfs\nkernel\nnet\nuser\nvm\n');
    assert.equal(run('ls -ld /proc/sys/vm | cut -c1-10').output, 'dr-xr-xr-x\n');
  });

  it('keeps a value written within range, refuses one outside it', () => {
    assert.deepEqual(run('cat /proc/sys/vm/swappiness /proc/sys/vm/overcommit_memory /proc/sys/net/ipv4/ip_forward'), { output: '60\n0\n0\n', status: 0 });
    assert.deepEqual(run('echo 10 > /proc/sys/vm/swappiness; cat /proc/sys/vm/swappiness'), { output: '10\n', status: 0 });
    assert.deepEqual(run('echo 201 > /proc/sys/vm/swappiness'), { output: 'bash: line 1: echo: write error: Invalid argument\n', status: 1 });
    assert.deepEqual(run('echo 3 > /proc/sys/vm/overcommit_memory'), { output: 'bash: line 1: echo: write error: Invalid argument\n', status: 1 });
    assert.equal(run('cat /proc/sys/vm/swappiness').output, '10\n');
  });

  it('refuses writes to the read-only ones', () => {
    assert.deepEqual(run('echo 1 > /proc/sys/crypto/fips_enabled'), { output: 'bash: line 1: /proc/sys/crypto/fips_enabled: Permission denied\n', status: 1 });
  });
});
