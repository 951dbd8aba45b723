/**
 * hostname, getconf, whereis, du and df on hostile input: huge or odd arguments end at once
 * with the real tools' messages (their texts are recorded in test/fixtures/host/
 * hostname-whereis-du.lines and getconf-df.lines, the machine's values in 28-lab-system).
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';

const clock = (): number => Date.UTC(2026, 11, 4, 12, 0, 0);

function run(line: string): { output: string; status: number; ms: number } {
  const state = bootMachine({ clock });
  const t = Date.now();
  const r = execLine(state, line, { clock });
  return { output: r.output, status: r.exitCode, ms: Date.now() - t };
}

describe('hostname, getconf, whereis, du and df under hostile input', () => {
  it('du -B with a size past UINTMAX_MAX says it is too large', () => {
    assert.deepEqual(run('du -B 99999999999999999999999999 /etc').output, "du: -B argument '99999999999999999999999999' too large\n");
  });

  it('du --max-depth with a huge number is an invalid depth, not a crash', () => {
    const r = run('du --max-depth=999999999999999999999999 /etc');
    assert.equal(r.output, "du: invalid maximum depth '999999999999999999999999'\nTry 'du --help' for more information.\n");
    assert.equal(r.status, 1);
  });

  it('du -a of / walks the whole disk within the budget of a command', () => {
    const r = run('du -a / | wc -l');
    assert.equal(r.status, 0);
    assert.ok(Number(r.output) > 100, r.output);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
  });

  it('du of a deep tree adds up its pages and leaves directories at 0 blocks', () => {
    const r = run("mkdir -p /tmp/a/b/c/d/e/f/g/h; printf x > /tmp/a/b/c/d/e/f/g/h/f; du -s /tmp/a; du -d 2 /tmp/a");
    assert.equal(r.output, '4\t/tmp/a\n4\t/tmp/a/b/c\n4\t/tmp/a/b\n4\t/tmp/a\n');
  });

  it('df takes the pages and inodes a file adds and gives them back when it goes', () => {
    const r = run("df --output=used,iused /; printf '%5000s' x > /root/big; df --output=used,iused /; rm /root/big; df --output=used,iused /");
    assert.equal(r.output, ' Used IUsed\n36912   488\n Used IUsed\n36920   489\n Used IUsed\n36912   488\n');
  });

  it('df --output with a long list of unknown fields names the first', () => {
    const r = run(`df --output=${'x,'.repeat(10000)}`);
    assert.equal(r.output, "df: option --output: field 'x' unknown\nTry 'df --help' for more information.\n");
  });

  it('getconf with a huge variable name is unrecognized', () => {
    const name = 'A'.repeat(100000);
    const r = run(`getconf ${name}`);
    assert.equal(r.output, `getconf: Unrecognized variable \`${name}'\n`);
    assert.equal(r.status, 2);
  });

  it('whereis with many names prints a line for each', () => {
    const r = run(`whereis ${'nosuch '.repeat(2000)} | wc -l`);
    assert.equal(r.output, '2000\n');
  });

  it('hostname with a bad option prints its usage on stdout and exits 255', () => {
    const r = run('hostname -Z 2>/dev/null | head -1; hostname -Z >/dev/null 2>&1; echo $?');
    assert.equal(r.output, 'Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n255\n');
  });
});

/**
 * hostname NAME as hostname 3.23 answers on Debian 12, run in a UTS namespace of its own
 * (`unshare -u sh -c "hostname -- NAME; echo $?; hostname"`): its check of the name, then
 * sethostname(2)'s 64-byte limit; the name lasts for the rest of the machine's life.
 */
describe('hostname NAME sets the node name', () => {
  const a = (n: number): string => 'a'.repeat(n);
  const rows: Array<[string, string]> = [
    ['a-b', '0\na-b\n'],
    ['1abc', '0\n1abc\n'],
    ['ABC', '0\nABC\n'],
    [a(64), `0\n${a(64)}\n`],
    [`${a(30)}.${'b'.repeat(30)}`, `0\n${a(30)}.${'b'.repeat(30)}\n`],
    ...['a-', '-a', 'a.b.', '.a', 'a_b', 'a..b', 'a.-b', 'a-.b', "''", "'a b'", "'a*'"].map((n): [string, string] => [n, 'hostname: the specified hostname is invalid\n1\noracle\n']),
    [a(65), 'hostname: name too long\n1\noracle\n'],
  ];
  for (const [name, output] of rows) {
    it(`hostname -- ${name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name}`, () => {
      const state = bootMachine({ clock, hostname: 'oracle' });
      const r = execLine(state, `hostname -- ${name}; echo $?; hostname`, { clock, hostname: 'oracle' });
      assert.equal(r.output, output);
    });
  }

  it('refuses a user without root as hostname words EPERM, and uname -n and /proc follow a set name', () => {
    const state = bootMachine({ clock, hostname: 'oracle' });
    const r = execLine(state, 'setpriv --reuid=65534 hostname foo; echo $?; hostname lab1.example.com; hostname -s; uname -n; cat /proc/sys/kernel/hostname', { clock, hostname: 'oracle' });
    assert.equal(r.output, 'hostname: you must be root to change the host name\n1\nlab1\nlab1.example.com\nlab1.example.com\n');
  });
});
