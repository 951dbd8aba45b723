import { strict as assert } from 'assert';
import { modinfo } from '../../src/userland/modinfo';
import { testMachine } from './fake-kmod-system';
import { recorded } from './transcript-blocks';
import { bootMachine, execLine } from '../../src/machine/machine';

function check(file: string, cmd: string): void {
  const m = testMachine();
  const argv = cmd.split(' ');
  const r = m.run(modinfo, argv);
  const want = recorded(file, cmd);
  assert.equal(r.all, want.out, cmd);
  assert.equal(r.status, want.status, cmd);
}

describe('modinfo', () => {
  for (const cmd of [
    'modinfo hello_old.ko', 'modinfo hello.ko', 'modinfo hello_param.ko', 'modinfo fail_eperm.ko', 'modinfo mod_b.ko', 'modinfo mod_a.ko',
    'modinfo noexit.ko', 'modinfo mod_c_prop.ko', 'modinfo mod_d_prop.ko', 'modinfo hello', 'modinfo hello_param',
    'modinfo -F depends mod_a', 'modinfo -F depends mod_b', 'modinfo -F parm hello_param', 'modinfo -F vermagic hello',
    'modinfo -F license hello_old', 'modinfo -F filename hello', 'modinfo -F nosuchfield hello', 'modinfo nosuchmodule',
    'modinfo ./nosuchfile.ko', 'modinfo dummy', 'modinfo unix', 'modinfo -F filename unix',
  ]) {
    it(`prints what the real tool printed for \`${cmd}\``, () => check('02-modinfo.txt', cmd));
  }

  for (const cmd of ['modinfo vfat', 'modinfo fat', 'modinfo loop']) {
    it(`prints the in-tree module's fields and signature for \`${cmd}\``, () => check('08-intree.txt', cmd));
  }

  it('ends each value with NUL under -0', () => {
    const r = testMachine().run(modinfo, ['modinfo', '-0', '-F', 'parm', 'hello_param']);
    assert.ok(r.out.startsWith('myint:An integer (writable via sysfs) (int)\0mystring:'));
  });

  it('complains about a missing module name', () => {
    const r = testMachine().run(modinfo, ['modinfo']);
    assert.equal(r.all, 'modinfo: ERROR: missing module or filename.\n');
    assert.equal(r.status, 1);
  });

  it('rejects an unknown option as getopt does', () => {
    const r = testMachine().run(modinfo, ['modinfo', '-z', 'hello']);
    assert.equal(r.all, "modinfo: invalid option -- 'z'\n");
    assert.equal(r.status, 1);
  });

  it('prints -F parmtype from the parm records', () => {
    const r = testMachine().run(modinfo, ['modinfo', '-F', 'parmtype', 'dummy']);
    assert.equal(r.out, 'numdummies:int\n');
  });

  it('prints -F filename from modules.dep without opening the .ko, after libkmod\'s missing-dependency error', () => {
    const state = bootMachine({ clock: () => Date.UTC(2026, 11, 5) });
    const setup = 'mkdir -p /tmp/root/lib/modules/$(uname -r) && cp /lib/modules/$(uname -r)/modules.* /tmp/root/lib/modules/$(uname -r)/';
    assert.equal(execLine(state, setup, { clock: () => 0 }).exitCode, 0);
    const filename = execLine(state, 'modinfo -b /tmp/root -F filename vfat', { clock: () => 0 });
    assert.match(filename.output, /^libkmod: ERROR \.\.\/libkmod\/libkmod-module\.c:191 kmod_module_parse_depline: ctx=0x[0-9a-f]+ path=\/tmp\/root\/lib\/modules\/6\.1\.0-56-amd64\/kernel\/fs\/fat\/fat\.ko error=No such file or directory\n\/tmp\/root\/lib\/modules\/6\.1\.0-56-amd64\/kernel\/fs\/fat\/vfat\.ko\n$/);
    assert.equal(filename.exitCode, 0);
    // Any other field needs the file: it is missing.
    const license = execLine(state, 'modinfo -b /tmp/root -F license vfat 2>&1 | tail -n 1', { clock: () => 0 });
    assert.equal(license.output, "modinfo: ERROR: could not get modinfo from 'vfat': No such file or directory\n");
  });
});
