import { strict as assert } from 'node:assert';
import { main } from '../../src/userland/insmod';
import { run, testSystem } from './kmod-tools-system';

const insmod = (argv: string[], uid = 0) => {
  const t = testSystem(uid);
  return { ...run(main, t.sys, ['insmod', ...argv]), kernel: t.kernel };
};

describe('insmod (kmod 30)', () => {
  it('loads a module silently and passes the rest of the line as parameters', () => {
    const r = insmod(['hello_param.ko', 'myint=7', 'myintarray=1,2']);
    assert.deepEqual([r.out, r.err, r.status], ['', '', 0]);
    assert.equal(r.kernel.find('hello_param')?.params.myint, '7');
    assert.equal(r.kernel.find('hello_param')?.paramCounts.myintarray, 2);
  });

  it('says "missing filename." without one (04-errors-params)', () => {
    assert.deepEqual(insmod([]).err, 'insmod: ERROR: missing filename.\n');
    assert.equal(insmod([]).status, 1);
  });

  it('cannot load from stdin', () => {
    assert.equal(insmod(['-']).err, 'insmod: ERROR: this tool does not support loading from stdin!\n');
  });

  it('reports a missing file as "could not load module"', () => {
    assert.deepEqual([insmod(['/tmp/nosuchfile.ko']).err, insmod(['nosuchmodule']).status], [
      'insmod: ERROR: could not load module /tmp/nosuchfile.ko: No such file or directory\n', 1]);
  });

  it('uses its own words for ENOEXEC, ENOENT, EINVAL and strerror for the rest', () => {
    const t = testSystem();
    assert.equal(run(main, t.sys, ['insmod', 'hello.ko']).status, 0);
    assert.equal(run(main, t.sys, ['insmod', 'hello.ko']).err, 'insmod: ERROR: could not insert module hello.ko: File exists\n');
    assert.equal(run(main, t.sys, ['insmod', 'notamodule.ko']).err, 'insmod: ERROR: could not insert module notamodule.ko: Invalid module format\n');
    assert.equal(run(main, t.sys, ['insmod', 'empty.ko']).err, 'insmod: ERROR: could not insert module empty.ko: Invalid parameters\n');
    assert.equal(run(main, t.sys, ['insmod', '/etc/passwd']).err, 'insmod: ERROR: could not insert module /etc/passwd: Invalid module format\n');
    assert.equal(run(main, t.sys, ['insmod', '/lib/modules']).err, 'insmod: ERROR: could not insert module /lib/modules: Is a directory\n');
    assert.equal(run(main, t.sys, ['insmod', 'mod_a.ko']).err, 'insmod: ERROR: could not insert module mod_a.ko: Unknown symbol in module\n');
    assert.equal(run(main, t.sys, ['insmod', 'hello_param.ko', 'myint=abc']).err, 'insmod: ERROR: could not insert module hello_param.ko: Invalid parameters\n');
    assert.equal(run(main, t.sys, ['insmod', 'hello_param.ko', 'myint=99999999999']).err, 'insmod: ERROR: could not insert module hello_param.ko: Numerical result out of range\n');
    assert.equal(run(main, t.sys, ['insmod', 'fail_enodev.ko']).err, 'insmod: ERROR: could not insert module fail_enodev.ko: No such device\n');
  });

  it('is refused for a non-root user (04-errors-params)', () => {
    assert.equal(insmod(['hello.ko'], 65534).err, 'insmod: ERROR: could not insert module hello.ko: Operation not permitted\n');
  });

  it('-f forces a module in, tainting F (12-kmod-corners)', () => {
    const r = insmod(['-f', 'hello.ko']);
    assert.deepEqual([r.err, r.status], ['', 0]);
    assert.equal(r.kernel.state.tainted & 2, 2);
  });

  it('ignores -p and -s, and takes options after the file name (getopt permutes)', () => {
    const r = insmod(['-p', 'hello.ko', '-s']);
    assert.deepEqual([r.err, r.status], ['', 0]);
  });

  it('prints help, version and getopt errors as kmod does', () => {
    assert.equal(insmod(['-h']).out, 'Usage:\n\tinsmod [options] filename [args]\nOptions:\n\t-V, --version     show version\n\t-h, --help        show this help\n');
    assert.equal(insmod(['--version']).out, 'kmod version 30\n+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL\n');
    const bad = insmod(['-x', 'hello.ko']);
    assert.deepEqual([bad.err, bad.status], ["insmod: invalid option -- 'x'\n", 1]);
    assert.equal(insmod(['--force', 'hello.ko']).err, "insmod: unrecognized option '--force'\n");
  });

  it('passes quoted and huge arguments to the kernel without throwing', () => {
    const r = insmod(['hello_param.ko', 'mystring="two words"']);
    assert.equal(r.status, 0);
    assert.equal(r.kernel.find('hello_param')?.params.mystring, 'two words');
    const huge = insmod(['hello_param.ko', `mystring=${'y'.repeat(5000)}`]);
    assert.equal(huge.err, 'insmod: ERROR: could not insert module hello_param.ko: No space left on device\n');
  });
});
