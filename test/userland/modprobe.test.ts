import { strict as assert } from 'assert';
import { modprobe } from '../../src/userland/modprobe';
import { testMachine } from './fake-kmod-system';
import { recorded } from './transcript-blocks';

describe('modprobe', () => {
  it('shows the dependencies of mod_a as 03-deps', () => {
    const r = testMachine().run(modprobe, ['modprobe', '--show-depends', 'mod_a']);
    assert.equal(r.all, recorded('03-deps.txt', 'modprobe --show-depends mod_a').out);
  });

  it('loads mod_b before mod_a and prints insmod lines with -v', () => {
    const m = testMachine();
    const r = m.run(modprobe, ['modprobe', '-v', 'mod_a']);
    assert.equal(r.all, recorded('03-deps.txt', 'modprobe -v mod_a').out);
    assert.deepEqual(m.kernel.calls, ["finit mod_b '' 0", "finit mod_a '' 0"]);
  });

  it('pulls softdeps first: ext4 as 08-intree', () => {
    const r = testMachine().run(modprobe, ['modprobe', '--show-depends', 'ext4']);
    assert.equal(r.all, recorded('08-intree.txt', 'modprobe --show-depends ext4').out);
  });

  it('resolves ext2 to ext4 through modules.alias', () => {
    const r = testMachine().run(modprobe, ['modprobe', '--show-depends', 'ext2']);
    assert.equal(r.all, recorded('08-intree.txt', 'modprobe --show-depends ext4').out);
  });

  it('adds options from systemd.conf before the command line ones', () => {
    const m = testMachine();
    const r = m.run(modprobe, ['modprobe', '-v', 'dummy', 'numdummies=2']);
    assert.equal(r.all, recorded('08-intree.txt', 'modprobe -v dummy numdummies=2').out);
    const r2 = m.run(modprobe, ['modprobe', '-v', 'bonding']);
    assert.equal(r2.all, recorded('08-intree.txt', 'modprobe -v bonding').out);
  });

  it('removes dependencies that became unused with -r, not those still used', () => {
    const m = testMachine();
    m.run(modprobe, ['modprobe', 'mod_a']);
    const busy = m.run(modprobe, ['modprobe', '-r', 'mod_b']);
    assert.equal(busy.all, 'modprobe: FATAL: Module mod_b is in use.\n');
    assert.equal(busy.status, 1);
    const r = m.run(modprobe, ['modprobe', '-r', '-v', 'mod_a']);
    assert.equal(r.all, 'rmmod mod_a\nrmmod mod_b\n');
    assert.equal(m.kernel.modules().length, 0);
    m.run(modprobe, ['modprobe', '-v', 'snd-dummy']);
    m.run(modprobe, ['modprobe', 'snd_pcm']);
    assert.equal(m.run(modprobe, ['modprobe', '-r', '-v', 'snd-dummy']).all, 'rmmod snd_dummy\nrmmod snd_pcm\n');
  });

  it('says what the real modprobe says for missing and builtin modules', () => {
    const m = testMachine();
    for (const cmd of ['modprobe nosuchmodule', 'modprobe hello.ko', 'modprobe -r nosuchmodule', 'modprobe -r unix', 'modprobe unix']) {
      const want = recorded('04-errors-params.txt', cmd);
      const r = m.run(modprobe, cmd.split(' '));
      assert.equal(r.all, want.out, cmd);
      assert.equal(r.status, want.status, cmd);
    }
    assert.equal(m.run(modprobe, ['modprobe', '--show-depends', 'unix']).all, 'builtin unix\n');
  });

  it('reports init failures with the errno text', () => {
    const m = testMachine();
    assert.equal(m.run(modprobe, ['modprobe', 'fail_enodev']).all, "modprobe: ERROR: could not insert 'fail_enodev': No such device\n");
    assert.equal(m.run(modprobe, ['modprobe', 'kvm_intel']).all, "modprobe: ERROR: could not insert 'kvm_intel': Operation not supported\n");
  });

  it('applies a blacklist only to aliases unless -b', () => {
    const m = testMachine();
    m.sys.fs.write('/etc/modprobe.d/bl.conf', 'blacklist ext4\n', false);
    assert.equal(m.run(modprobe, ['modprobe', '-n', '-v', 'ext2']).all, '');
    assert.ok(m.run(modprobe, ['modprobe', '-n', '-v', 'ext4']).all.endsWith('ext4.ko \n'));
    assert.equal(m.run(modprobe, ['modprobe', '-b', '-n', '-v', 'ext4']).all, '');
  });

  it('runs install commands of the simple kinds', () => {
    const m = testMachine();
    m.sys.fs.write('/etc/modprobe.d/off.conf', 'install hello /bin/false\n', false);
    const r = m.run(modprobe, ['modprobe', 'hello']);
    assert.equal(r.all, "modprobe: ERROR: ../libkmod/libkmod-module.c:1047 command_do() Error running install command '/bin/false' for module hello: retcode 1\nmodprobe: ERROR: could not insert 'hello': Invalid argument\n");
    assert.equal(r.status, 1);
  });

  it('reports a failing remove command as modprobe.c does, with -retcode (12-kmod-corners)', () => {
    const m = testMachine();
    m.run(modprobe, ['modprobe', 'hello']);
    m.sys.fs.write('/etc/modprobe.d/off.conf', 'remove hello /bin/false $CMDLINE_OPTS\n', false);
    const r = m.run(modprobe, ['modprobe', '-r', '-v', 'hello']);
    assert.deepEqual([r.all, r.status], ['remove /bin/false \nmodprobe: FATAL: Error running remove command for hello\n', 1]);
    assert.equal(m.run(modprobe, ['modprobe', '-r', '-i', 'hello']).status, 0);
  });

  it('reports bad configuration lines through libkmod\'s default logger, before -v takes effect (12b-kmod-config)', () => {
    const m = testMachine();
    m.sys.fs.write('/etc/modprobe.d/bad.conf', 'frobnicate dummy now\ninclude /etc/x.conf\n', false);
    const r = m.run(modprobe, ['modprobe', '-n', 'dummy']);
    assert.equal(r.all,
      "libkmod: ERROR ../libkmod/libkmod-config.c:712 kmod_config_parse: /etc/modprobe.d/bad.conf line 1: ignoring bad line starting with 'frobnicate'\n" +
      'libkmod: ERROR ../libkmod/libkmod-config.c:708 kmod_config_parse: /etc/modprobe.d/bad.conf: command include is deprecated and not parsed anymore\n');
  });

  it('announces its logger and the context release at -vv, not on a FATAL exit (12b-kmod-config)', () => {
    const m = testMachine();
    const r = m.run(modprobe, ['modprobe', '-vv', '-n', 'dummy']);
    assert.equal(r.all,
      'modprobe: INFO: ../libkmod/libkmod.c:367 kmod_set_log_fn() custom logging function 0x5569e1db0d70 registered\n' +
      'insmod /lib/modules/6.1.0-56-amd64/kernel/drivers/net/dummy.ko numdummies=0 \n' +
      'modprobe: INFO: ../libkmod/libkmod.c:334 kmod_unref() context 0x556a0c665420 released\n');
    const fatal = m.run(modprobe, ['modprobe', '-vv', 'nosuch']);
    assert.ok(!fatal.all.includes('kmod_unref'));
  });

  it('dumps the configuration with -c as 08-intree', () => {
    const r = testMachine().run(modprobe, ['modprobe', '-c']);
    const options = r.out.split('\n').filter((l) => l.startsWith('options')).join('\n') + '\n';
    assert.equal(options, recorded('08-intree.txt', "modprobe -c | grep -E '^options'").out);
  });

  it('needs a module name', () => {
    const r = testMachine().run(modprobe, ['modprobe']);
    assert.equal(r.all, 'modprobe: ERROR: missing parameters. See -h.\n');
    assert.equal(r.status, 1);
    assert.equal(testMachine().run(modprobe, ['modprobe', '--bogus']).all, "modprobe: unrecognized option '--bogus'\n");
  });

  it('finds a module copied into extra/ only after depmod', () => {
    const m = testMachine();
    m.sys.fs.copy?.('/root/hello.ko', '/lib/modules/6.1.0-56-amd64/extra/hello2.ko');
    assert.equal(m.run(modprobe, ['modprobe', 'hello2']).all, 'modprobe: FATAL: Module hello2 not found in directory /lib/modules/6.1.0-56-amd64\n');
    m.sys.depmod();
    assert.equal(m.run(modprobe, ['modprobe', '-n', '-v', 'hello2']).all, 'insmod /lib/modules/6.1.0-56-amd64/extra/hello2.ko \n');
  });
});
