/**
 * Issue 10's "done when": the seed tutorial in the terminal chat. A student writes lkm.c with
 * a here-document and the tutorial's Makefile, runs make (modpost 6.1 refuses the missing
 * license, as 00-kbuild.txt records), adds the license, builds, loads the module and reads
 * dmesg; the next student's lsmod shows it. The clock stands still, so every file gets the
 * same mtime: the rebuild must still happen.
 */
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { createApp } from '../../src/app/create-app';
import { runConsole } from '../../adapters/console';

async function chat(lines: string[]): Promise<string> {
  const app = await createApp({ store: 'memory', clock: () => Date.UTC(2026, 10, 25, 20, 0, 0) });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  input.end(lines.map((l) => l + '\n').join(''));
  await runConsole(app, { input, output, interactive: false });
  await app.close();
  return text;
}

const LKM_C = [
  '#include <linux/module.h>\t/* Needed by all modules */',
  '#include <linux/kernel.h>\t/* Needed for KERN_INFO */',
  '',
  'int init_module(void)',
  '{',
  '\tprintk(KERN_INFO "Hello world!!!!!.\\n");',
  '\treturn 0;',
  '}',
  '',
  'void cleanup_module(void)',
  '{',
  '\tprintk(KERN_INFO "Goodbye world!!!!!!.\\n");',
  '}',
];

const MAKEFILE = ['obj-m += lkm.o', '', 'all:', '\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules', '', 'clean:', '\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean'];

describe('write your own module: the seed tutorial in the terminal chat', () => {
  it('builds lkm.c, shows modpost\'s license error, then loads the fixed module for everyone', async () => {
    const text = await chat([
      'mkdir lkm',
      "cat > lkm/lkm.c <<'EOF'",
      ...LKM_C,
      'EOF',
      "cat > lkm/Makefile <<'EOF'",
      ...MAKEFILE,
      'EOF',
      'cd lkm && make',
      "echo 'MODULE_LICENSE(\"GPL\");' >> lkm.c",
      'make',
      'insmod lkm.ko',
      'dmesg | tail -1',
      ':as bob',
      'lsmod | head -2',
      'rmmod lkm && dmesg | tail -1',
      'cd lkm && make clean && ls -A',
    ]);
    // Each user keeps a login session: after alice's `cd lkm` her prompt shows ~/lkm; bob's stays at ~.
    const after = (command: string, where = '~'): string => {
      const prompt = `root@modlab:${where}# ${command}\n`;
      const at = text.indexOf(prompt);
      assert.ok(at >= 0, `no prompt line for ${command}`);
      const rest = text.slice(at + prompt.length);
      const next = rest.search(/^(\[bob\] )?root@modlab:[^#\n]*# /m);
      return next < 0 ? rest : rest.slice(0, next);
    };
    const parts = text.split(/root@modlab:~(?:\/lkm)?# (?:cd lkm && )?make\n/);
    assert.equal(
      parts[1],
      [
        'make -C /lib/modules/6.1.0-56-amd64/build M=/root/lkm modules',
        "make[1]: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'",
        '  CC [M]  /root/lkm/lkm.o',
        '  MODPOST /root/lkm/Module.symvers',
        'ERROR: modpost: missing MODULE_LICENSE() in /root/lkm/lkm.o',
        'make[2]: *** [/usr/src/linux-headers-6.1.0-56-common/scripts/Makefile.modpost:127: /root/lkm/Module.symvers] Error 1',
        'make[1]: *** [/usr/src/linux-headers-6.1.0-56-common/Makefile:2017: modpost] Error 2',
        "make[1]: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'",
        'make: *** [Makefile:4: all] Error 2',
        `root@modlab:~/lkm# echo 'MODULE_LICENSE("GPL");' >> lkm.c`,
        '',
      ].join('\n'),
    );
    assert.equal(
      parts[2]?.split('root@modlab:~/lkm# insmod')[0],
      [
        'make -C /lib/modules/6.1.0-56-amd64/build M=/root/lkm modules',
        "make[1]: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'",
        '  CC [M]  /root/lkm/lkm.o',
        '  MODPOST /root/lkm/Module.symvers',
        '  CC [M]  /root/lkm/lkm.mod.o',
        '  LD [M]  /root/lkm/lkm.ko',
        '  BTF [M] /root/lkm/lkm.ko',
        'Skipping BTF generation for /root/lkm/lkm.ko due to unavailability of vmlinux',
        "make[1]: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'",
        '',
      ].join('\n'),
    );
    assert.equal(after('insmod lkm.ko', '~/lkm'), '');
    assert.match(after('dmesg | tail -1', '~/lkm'), /^\[ *\d+\.\d{6}\] Hello world!!!!!\.\n$/);
    assert.equal(after('lsmod | head -2'), 'Module                  Size  Used by\nlkm                    16384  0\n');
    assert.match(after('rmmod lkm && dmesg | tail -1'), /^\[ *\d+\.\d{6}\] Goodbye world!!!!!!\.\n$/);
    assert.equal(
      after('cd lkm && make clean && ls -A'),
      [
        'make -C /lib/modules/6.1.0-56-amd64/build M=/root/lkm clean',
        "make[1]: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'",
        '  CLEAN   /root/lkm/Module.symvers',
        "make[1]: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'",
        'Makefile',
        'lkm.c',
        '',
      ].join('\n'),
    );
  });

  it('loads a built module with parameters, installed with modules_install and found by modprobe after depmod', async () => {
    const text = await chat([
      'mkdir hp',
      "cat > hp/hp.c <<'EOF'",
      '#include <linux/module.h>',
      '#include <linux/moduleparam.h>',
      '',
      'static int times = 2;',
      'module_param(times, int, 0644);',
      'MODULE_PARM_DESC(times, "How many greetings");',
      '',
      'static int __init hp_init(void)',
      '{',
      '\tint i;',
      '',
      '\tfor (i = 0; i < 3; i++)',
      '\t\tpr_info("hp: hello %d of %d\\n", i + 1, times);',
      '\treturn 0;',
      '}',
      '',
      'static void __exit hp_exit(void)',
      '{',
      '\tpr_info("hp: bye\\n");',
      '}',
      '',
      'module_init(hp_init);',
      'module_exit(hp_exit);',
      'MODULE_LICENSE("GPL");',
      'MODULE_AUTHOR("A Student");',
      'EOF',
      'echo obj-m += hp.o > hp/Makefile',
      'make -s -C /lib/modules/$(uname -r)/build M=/root/hp',
      'make -C /lib/modules/$(uname -r)/build M=/root/hp modules_install 2>/dev/null',
      'depmod -a && modprobe hp times=5 && dmesg | tail -3',
      'cat /sys/module/hp/parameters/times',
      'modinfo hp',
    ]);
    assert.match(text, /root@modlab:~# make -s -C \/lib\/modules\/\$\(uname -r\)\/build M=\/root\/hp\nSkipping BTF generation for \/root\/hp\/hp\.ko due to unavailability of vmlinux\nroot@modlab/);
    assert.match(text, /  INSTALL \/lib\/modules\/6\.1\.0-56-amd64\/extra\/hp\.ko\n  SIGN    \/lib\/modules\/6\.1\.0-56-amd64\/extra\/hp\.ko\n  DEPMOD  \/lib\/modules\/6\.1\.0-56-amd64\n/);
    assert.match(text, /\] hp: hello 1 of 5\n\[ *[0-9.]+\] hp: hello 2 of 5\n\[ *[0-9.]+\] hp: hello 3 of 5\n/);
    assert.match(text, /root@modlab:~# cat \/sys\/module\/hp\/parameters\/times\n5\n/);
    assert.match(
      text,
      /root@modlab:~# modinfo hp\nfilename:       \/lib\/modules\/6\.1\.0-56-amd64\/extra\/hp\.ko\nauthor:         A Student\nlicense:        GPL\ndepends:        \nretpoline:      Y\nname:           hp\nvermagic:       6\.1\.0-56-amd64 SMP preempt mod_unload modversions \nparm:           times:How many greetings \(int\)\n/,
    );
  });
});
