/**
 * The programs as files (src/modules/programs.ts): /usr/bin and /usr/sbin list what this
 * machine runs with Debian 12's sizes, modes, dates, links and file(1) descriptions (each
 * expected line is what the Debian 12 host printed for the same path), reading one gives
 * only its first bytes, and a program runs only while its file is there.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';
import { programFiles, programLinks } from '../../src/modules/programs';
import { tools } from '../../src/userland';

const BOOT = Date.UTC(2026, 11, 4, 18, 29, 5, 489);

function run(line: string): [string, number] {
  const options = { clock: () => BOOT, hostname: 'oracle' };
  const r = execLine(bootMachine(options), line, options);
  return [r.output, r.exitCode];
}

const ELF = 'ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2';

describe('programs: the tools are files on the disk', () => {
  it('lists kmod\'s links, ip and killall5 in /usr/sbin, reached through /sbin', () => {
    assert.deepEqual(run('ls /sbin'), ['depmod\ninsmod\nip\nkillall5\nlsmod\nmodinfo\nmodprobe\nrmmod\n', 0]);
  });

  it('shows the links and files as ls -l does on Debian 12', () => {
    assert.deepEqual(run('ls -l /usr/sbin/insmod /usr/bin/sh /usr/bin/kmod /usr/bin/sudo'), [
      '-rwxr-xr-x 1 root root 178448 Dec 10  2022 /usr/bin/kmod\n' +
        'lrwxrwxrwx 1 root root      4 Jan  5  2023 /usr/bin/sh -> dash\n' +
        '-rwsr-xr-x 1 root root 281624 Apr 11  2026 /usr/bin/sudo\n' +
        'lrwxrwxrwx 1 root root      9 Dec 10  2022 /usr/sbin/insmod -> /bin/kmod\n',
      0,
    ]);
    assert.deepEqual(run("stat -c '%n %s %a %F' /bin/bash /usr/bin/awk"), ['/bin/bash 1265648 755 regular file\n/usr/bin/awk 21 777 symbolic link\n', 0]);
    assert.deepEqual(run('readlink -f /usr/bin/awk /bin/sh /sbin/modprobe /usr/bin/pidof'), ['/usr/bin/mawk\n/usr/bin/dash\n/usr/bin/kmod\n/usr/sbin/killall5\n', 0]);
  });

  it('describes them as file 5.44 does, with the packages\' build ids', () => {
    assert.deepEqual(run('file /usr/bin/kmod /usr/sbin/insmod /usr/bin/which.debianutils'), [
      `/usr/bin/kmod:              ${ELF}, BuildID[sha1]=7fff9b7bbfc0a07f7d2cacb3cff6bbedc99b5994, for GNU/Linux 3.2.0, stripped\n` +
        '/usr/sbin/insmod:           symbolic link to /bin/kmod\n' +
        '/usr/bin/which.debianutils: POSIX shell script, ASCII text executable\n',
      0,
    ]);
    assert.deepEqual(run('file -L /sbin/insmod'), [`/sbin/insmod: ${ELF}, BuildID[sha1]=7fff9b7bbfc0a07f7d2cacb3cff6bbedc99b5994, for GNU/Linux 3.2.0, stripped\n`, 0]);
    assert.deepEqual(run('file /usr/bin/sudo'), [`/usr/bin/sudo: setuid ${ELF}, BuildID[sha1]=3a9a39d27da4b9c259b6392409dbdb04a25750d5, for GNU/Linux 3.2.0, stripped\n`, 0]);
    assert.deepEqual(run('file -i /bin/bash /usr/bin/busybox /usr/bin/which.debianutils'), [
      '/bin/bash:                  application/x-pie-executable; charset=binary\n' +
        '/usr/bin/busybox:           application/x-executable; charset=binary\n' +
        '/usr/bin/which.debianutils: text/x-shellscript; charset=us-ascii\n',
      0,
    ]);
  });

  it('finds them with find, and a copy is still the program for file(1)', () => {
    assert.deepEqual(run("find /usr/bin -name 'ls*' | sort"), ['/usr/bin/ls\n/usr/bin/lsmod\n', 0]);
    assert.deepEqual(run('cp /bin/bash /tmp/b; file /tmp/b; ls -l /tmp/b | cut -d" " -f1-5'), [
      `/tmp/b: ${ELF}, BuildID[sha1]=135afc8c6d1b9e02356cce218bf0109c3687ad9f, for GNU/Linux 3.2.0, stripped\n-rwxr-xr-x 1 root root 1265648\n`,
      0,
    ]);
  });

  it('gives a reader only the first bytes of a program, never megabytes', () => {
    const [out] = run('cat /usr/bin/busybox | wc -c; head -c 4 /usr/bin/kmod | od -c | head -1');
    assert.equal(out, '64\n0000000 177   E   L   F\n');
  });

  it('reads a program as libkmod does: an ELF file without module sections', () => {
    assert.deepEqual(run('modprobe --show-exports /bin/bash'), ['modprobe: FATAL: could not get symbols of /bin/bash: No such file or directory\n', 1]);
    assert.deepEqual(run('modprobe --dump-modversions /usr/bin/kmod'), ['modprobe: FATAL: could not get modversions of /usr/bin/kmod: No such file or directory\n', 1]);
    assert.deepEqual(run('modinfo /bin/bash'), ['modinfo: ERROR: Module /bin/bash not found.\n', 1]);
  });

  it('runs a program only while its file, links followed, is there', () => {
    assert.deepEqual(run('rm /usr/sbin/insmod; insmod /root/hello.ko; echo $?; /sbin/insmod x; which insmod; echo $?'), [
      'bash: line 1: insmod: command not found\n127\nbash: line 1: /sbin/insmod: No such file or directory\n1\n',
      0,
    ]);
    assert.deepEqual(run('rm /usr/bin/kmod; lsmod; echo $?'), ['bash: line 1: lsmod: command not found\n127\n', 0]);
    assert.deepEqual(run('mv /usr/bin/cat /tmp; cat /etc/hostname; mv /tmp/cat /usr/bin; cat /etc/hostname'), ['bash: line 1: cat: command not found\nmodlab\n', 0]);
  });

  it('finds them with which as the debianutils script does, from the files', () => {
    assert.deepEqual(run('which -a lsmod ip'), ['/usr/sbin/lsmod\n/usr/bin/lsmod\n/sbin/lsmod\n/bin/lsmod\n/usr/sbin/ip\n/usr/bin/ip\n/sbin/ip\n/bin/ip\n', 0]);
    assert.deepEqual(run('which history cd; echo $?'), ['1\n', 0]);
  });

  it('has a file for every tool Debian installs as one, and nothing that does not run here', () => {
    const names = new Set(tools.map((t) => t.name));
    const installed = [...programFiles.keys(), ...programLinks.keys()].filter((p) => /^\/usr\/s?bin\//.test(p)).map((p) => p.slice(p.lastIndexOf('/') + 1));
    // killall5 is pidof's target: it is there for the link, and runs as pidof only
    assert.deepEqual(installed.filter((n) => !names.has(n)), ['killall5']);
    assert.deepEqual([...names].filter((n) => !installed.includes(n)).sort(), ['help', 'history']);
  });
});
