/**
 * Records what the real GNU grep 3.8, sed 4.9 and bash 5.2 of Debian 12 print for the lines
 * below, into test/userland/pattern-table.ts (run on a Debian 12 host: `npx tsc -p . && node
 * dist/scripts/record-pattern-tables.js`). Each line runs in a fresh directory after SETUP,
 * with LC_ALL=C, stdout and stderr merged; the table tests replay them on the simulator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SETUP =
  "printf 'hello world\\nHello World\\nfoo bar baz\\nfoobar\\nmodule_init(hello_init);\\n  indented line\\nabc123def\\n\\nlast line\\n' > t; " +
  "printf 'hello 16384 0\\nnf_tables 274432 2 nft_ct,nft_chain_nat\\nsnd_hda_codec 184320 1 snd_hda_intel\\n' > mods; " +
  "printf 'a\\nb\\nc\\nd\\ne\\n' > five";

const GREP: string[] = [
  "grep -o 'l\\+' t",
  "grep -oE '(a|ab)(c|bcd)' <<< abcd",
  "grep -oE 'a|ab' <<< abab",
  "grep -c 'x*' t",
  "grep -o 'x*' t; echo $?",
  "grep -E '(a+)+$' <<< aaaaaaaaaaaaaaaaaaaaaaaaaaaa!; echo $?",
  "grep -E '(a|a)*$' <<< aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
  "grep -E '^(hello|foo)' t",
  "grep '^\\(hello\\|foo\\)' t",
  "grep -i '^hello' t",
  "grep -w foo t",
  "grep -ow 'foo\\w*' t",
  "grep -x 'foobar' t",
  "grep -xE 'foo(bar)?' t",
  "grep -F 'init(' t",
  "grep -F -x '' t",
  "grep -Fi HELLO t",
  "grep -o '[[:digit:]]\\+' t",
  "grep -o '[0-9]\\{2,\\}' mods",
  "grep -oE '[0-9]{5,6}' mods",
  "grep -E '^[a-z_]+ [0-9]+ [1-9]' mods",
  "grep -o '\\<[a-z]*_[a-z]*\\>' mods",
  "grep -oE '\\bnft_\\w+' mods",
  "grep '^[[:space:]]' t",
  "grep -v '^$' t | grep -c .",
  "grep -e hello -e foo t",
  "grep -o -e b -e abc -e c <<< abc",
  "grep $'hello\\nbar' t",
  "grep -c '' five",
  "grep '\\(l\\)\\1' t",
  "grep -E '(o)\\1|(b)a' t",
  "grep -o '\\(.\\)\\1' t",
  "grep '^.*$' five | grep -c '^[a-c]$'",
  "grep 'a.c' t; echo $?",
  "grep 'ab*c' t",
  "grep -E 'l{2}' t",
  "grep -E 'x{1' t; echo $?",
  "grep -E '*hello' t",
  "grep -E '+x|foo' t",
  "grep -E '{1}ine' t",
  "grep -E 'a{2,1}' t",
  "grep 'a\\{1' t",
  "grep -E '(' t",
  "grep -E ')' t; echo $?",
  "grep '\\)' t",
  "grep '[a' t",
  "grep '[[:alpah:]]' t",
  "grep '[:space:]' t",
  "grep '[z-a]' t",
  "grep 'a\\' t",
  "grep '\\1' t",
  "grep -E 'a{32768}' t",
  "grep -E -F x t",
  "grep -F -F foo t",
  "grep '*' <<< 'a*b'",
  "grep -o 'a\\|ab' <<< abab",
  "grep -io 'L' t | head -3",
  "grep -E 'hello$' t",
  "grep 'd\\.$' t; echo $?",
  "grep -o '.$' five | grep -c .",
  "grep -E '^(nf|snd)_[a-z]+' mods | grep -oE '^[^ ]+'",
];

const SED: string[] = [];

const BASH: string[] = [];

function record(lines: string[]): string {
  const rows = lines.map((line) => {
    const dir = mkdtempSync(join(tmpdir(), 'pattern-table-'));
    // stdout and stderr merged in the order written, as the simulator's terminal shows them
    const r = spawnSync('bash', ['-c', `{ ${SETUP}; ${line}; } 2>&1`], { cwd: dir, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', HOME: dir }, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    return `  [${JSON.stringify(line)}, ${JSON.stringify(r.stdout)}, ${r.status ?? 128}],\n`;
  });
  return `[\n${rows.join('')}]`;
}

const out = `/**
 * What Debian 12's grep 3.8, sed 4.9 and bash 5.2 printed (LC_ALL=C, stdout and stderr
 * merged) for each line after SETUP, in a fresh directory: [line, output, status].
 * Recorded by scripts/record-pattern-tables.ts; do not edit by hand.
 */
export const SETUP = ${JSON.stringify(SETUP)};

export const GREP_TABLE: ReadonlyArray<readonly [string, string, number]> = ${record(GREP)};

export const SED_TABLE: ReadonlyArray<readonly [string, string, number]> = ${record(SED)};

export const BASH_PATTERN_TABLE: ReadonlyArray<readonly [string, string, number]> = ${record(BASH)};
`;
writeFileSync(join(__dirname, '../../test/userland/pattern-table.ts'), out);
