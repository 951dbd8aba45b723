import { strict as assert } from 'assert';
import { depmod } from '../../src/userland/depmod';
import { testMachine } from './fake-kmod-system';

describe('depmod', () => {
  it('prints the index files with -n, modules.dep first', () => {
    const m = testMachine();
    const r = m.run(depmod, ['depmod', '-n']);
    assert.equal(r.status, 0);
    const dep = m.sys.fs.read('/lib/modules/6.1.0-56-amd64/modules.dep') as string;
    assert.ok(r.out.startsWith(dep + '# Aliases extracted from modules themselves.\n'));
    assert.ok(r.out.includes('# Soft dependencies extracted from modules themselves.\nsoftdep ext4 pre: crypto-crc32c\n'));
  });

  it('indexes a newly copied module', () => {
    const m = testMachine();
    m.sys.fs.copy?.('/root/mod_a.ko', '/lib/modules/6.1.0-56-amd64/extra/mod_a2.ko');
    assert.equal(m.run(depmod, ['depmod', '-a']).status, 0);
    assert.ok((m.sys.fs.read('/lib/modules/6.1.0-56-amd64/modules.dep') as string).includes('extra/mod_a2.ko: extra/mod_b.ko\n'));
  });

  it('refuses a bad version and a missing tree', () => {
    const m = testMachine();
    assert.deepEqual(m.run(depmod, ['depmod', 'foo']), { out: '', err: 'depmod: ERROR: Bad version passed foo\n', all: 'depmod: ERROR: Bad version passed foo\n', status: 1 });
    const r = m.run(depmod, ['depmod', '5.10.0']);
    assert.equal(r.all, 'depmod: ERROR: could not open directory /lib/modules/5.10.0: No such file or directory\ndepmod: FATAL: could not search modules: No such file or directory\n');
    assert.equal(r.status, 1);
  });
});
