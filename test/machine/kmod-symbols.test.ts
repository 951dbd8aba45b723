/**
 * modprobe --show-exports / --dump-modversions of a file and modprobe -r -w, on a whole machine.
 * Expected texts: 25-kmod-options, and Debian's kmod 30 run on the real .ko files of
 * linux-image-6.1.0-56-amd64 (dummy.ko, crc16.ko) and on hostile files (a directory, an empty
 * file, an ELF ident with nothing behind it, plain text).
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from './fresh-machine';
import { strtoulWhole, waitBackoff } from '../../src/userland/modprobe';

describe('modprobe symbol versions and -w on the machine', () => {
  const { run } = freshMachineEachTest();
  const K = '/lib/modules/$(uname -r)/kernel';

  it('dumps a catalog module\'s __versions in section order, as the real dummy.ko', () => {
    assert.deepEqual(run(`modprobe --dump-modversions ${K}/drivers/net/dummy.ko | head -4`), {
      output: '0xbdfb6dbb\t__fentry__\n0x5b8239ca\t__x86_return_thunk\n0xffdd91d4\tnetif_carrier_on\n0x60ec6dea\tnetif_carrier_off\n',
      status: 0,
    });
  });

  it('shows a catalog module\'s exports with their CRCs, and fails for one that exports nothing', () => {
    assert.deepEqual(run(`modprobe --show-exports ${K}/lib/crc16.ko`), { output: '0x146289b7\tcrc16_table\n0xbd6841d4\tcrc16\n', status: 0 });
    assert.deepEqual(run(`modprobe --show-exports ${K}/drivers/net/dummy.ko`), {
      output: 'modprobe: FATAL: could not get symbols of /lib/modules/6.1.0-56-amd64/kernel/drivers/net/dummy.ko: No such file or directory\n',
      status: 1,
    });
  });

  it('words every way a file can fail as libkmod does', () => {
    const cases: Array<[string, string]> = [
      ['modprobe --show-exports /tmp', 'modprobe: FATAL: could not get symbols of /tmp: Is a directory\n'],
      ['modprobe --show-exports /tmp/', 'modprobe: FATAL: Module /tmp/ not found.\n'],
      [': > e.ko; modprobe --show-exports e.ko', 'modprobe: FATAL: could not get symbols of e.ko: Invalid argument\n'],
      ["printf '\\177ELFabcdefghijklmnopqrstuvwxyz' > s.ko; modprobe --show-exports s.ko", 'modprobe: FATAL: could not get symbols of s.ko: Invalid argument\n'],
      ['echo abcdefghij > t.txt; modprobe --dump-modversions t.txt', 'modprobe: FATAL: could not get modversions of t.txt: Exec format error\n'],
      ['modprobe --dump-modversions /nonexistent.ko', 'modprobe: FATAL: Module /nonexistent.ko not found.\n'],
      ['modprobe --dump-modversions mod_a', 'modprobe: FATAL: Module mod_a not found.\n'],
    ];
    for (const [line, output] of cases) assert.deepEqual(run(line), { output, status: 1 }, line);
  });

  it('follows a symbolic link and a relative path to the module', () => {
    run('ln -s /root/mod_b.ko /tmp/link.ko');
    const want = '0x6b851ba5\tmod_b_add\n0xf2af5257\tmod_b_gpl_secret\n';
    assert.deepEqual(run('modprobe --show-exports /tmp/link.ko'), { output: want, status: 0 });
    assert.deepEqual(run('cd /tmp && modprobe --show-exports ../root/mod_b.ko'), { output: want, status: 0 });
  });

  it('gives the teaching modules the __versions modpost wrote for them', () => {
    assert.deepEqual(run('modprobe --dump-modversions /root/mod_b.ko'), {
      output: '0xbdfb6dbb\t__fentry__\n0x5b8239ca\t__x86_return_thunk\n0x92997ed8\t_printk\n0x9060323f\tmodule_layout\n',
      status: 0,
    });
    assert.match(run('modprobe --dump-modversions /root/hello_param.ko').output, /\tparam_ops_bool\n.*\tparam_array_ops\n.*\tparam_ops_int\n.*\tparam_ops_charp\n/);
  });

  it('waits with -w while a holder keeps the module, then exits 0 with the module still loaded', () => {
    run('insmod mod_b.ko');
    run('insmod mod_a.ko');
    const before = Number(run('cut -d" " -f1 /proc/uptime').output);
    assert.deepEqual(run('modprobe -r -w 500 mod_b'), { output: '', status: 0 });
    const after = Number(run('cut -d" " -f1 /proc/uptime').output);
    assert.ok(after - before >= 0.5 && after - before < 0.6, `uptime ${before} → ${after}`);
    assert.equal(run('lsmod | grep -c "^mod_b "').output, '1\n');
    assert.deepEqual(run('modprobe -r -w 0 mod_b'), { output: 'modprobe: FATAL: Module mod_b is in use.\n', status: 1 });
    assert.deepEqual(run('modprobe -r -w abc mod_b'), { output: "modprobe: ERROR: unexpected wait value 'abc'.\n", status: 1 });
    run('rmmod mod_a');
    assert.deepEqual(run('modprobe -r -w 500 mod_b'), { output: '', status: 0 });
    assert.equal(run('lsmod | grep -c "^mod_b "').output, '0\n');
  });

  it('lists a live catalog module\'s real core symbols in /proc/kallsyms, exported ones capitalised', () => {
    run('modprobe crc16');
    const lines = run("grep '\\[crc16\\]' /proc/kallsyms | cut -d' ' -f2-").output.split('\n');
    assert.deepEqual(lines.slice(0, 3), ['r __crc_crc16_table\t[crc16]', 'r __crc_crc16\t[crc16]', 'r _note_10\t[crc16]']);
    assert.deepEqual(lines.slice(-4), ['d __this_module\t[crc16]', 'R crc16_table\t[crc16]', 'T crc16\t[crc16]', '']);
    // 26-modversions: an EXPORT_SYMBOL_GPL symbol stays lowercase (is_exported() reads mod->syms only)
    run('modprobe vfat');
    assert.deepEqual(run("grep -w -e fat_search_long -e vfat_lookup /proc/kallsyms | cut -d' ' -f2-"), {
      output: 't vfat_lookup\t[vfat]\nt fat_search_long.cold\t[fat]\nt fat_search_long\t[fat]\n',
      status: 0,
    });
    assert.equal(run("grep -c '\\[fat\\]' /proc/kallsyms").output, '271\n');
    // a bigger module keeps the short layout: notes, its exports, __this_module
    run('modprobe jbd2');
    assert.match(run("grep -w jbd2_journal_start /proc/kallsyms").output, /^[0-9a-f]{16} T jbd2_journal_start\t\[jbd2\]\n$/);
  });

  it('bounds a huge -w wait instead of sleeping for ever', () => {
    run('insmod mod_b.ko');
    run('insmod mod_a.ko');
    assert.deepEqual(run('modprobe -r -w -1 mod_b'), { output: '', status: 0 });
  });
});

describe('kmod 30 -w arithmetic', () => {
  it('sleeps exactly the wait through the backoff, for small and odd waits', () => {
    for (const w of [1, 2, 3, 500, 1000, 1023, 4097]) assert.equal(waitBackoff(w), w, String(w));
  });

  it('parses -w values as strtoul(…, 0) with the whole argument', () => {
    const rows: Array<[string, number | undefined]> = [
      ['500', 500], ['0x10', 16], ['010', 8], ['0', 0], [' 7', 7], ['+7', 7], ['-1', 2 ** 64 - 1],
      ['', undefined], ['abc', undefined], ['5ms', undefined], ['0x', undefined], ['08', undefined], ['7 ', undefined],
    ];
    for (const [arg, want] of rows) assert.equal(strtoulWhole(arg), want, JSON.stringify(arg));
  });
});
