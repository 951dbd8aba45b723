/**
 * Records vmlinux's symbols as /proc/kallsyms lists them, from the System.map of
 * linux-image-6.1.0-56-amd64 6.1.192-2 (Debian keeps the real one in the -dbg package; the
 * image package's is a one-line placeholder):
 *
 *   apt-get download linux-image-6.1.0-56-amd64-dbg
 *   dpkg-deb --fsys-tarfile linux-image-*-dbg_*.deb | tar -x ./usr/lib/debug/boot/System.map-6.1.0-56-amd64
 *   npx tsc -p . && node dist/scripts/record-vmlinux-symbols.js usr/lib/debug/boot/System.map-6.1.0-56-amd64
 *
 * System.map is `nm -n vmlinux`; kallsyms was built from the same list by scripts/kallsyms.c
 * (6.1), which differs in three known ways, applied here: it ignores absolute symbols
 * (text_size, phys_startup_64, init_per_cpu__*: is_ignored_symbol) and its own tables
 * (kallsyms_offsets … kallsyms_seqs_of_names, which vary between its link passes); it makes
 * the per-CPU symbols absolute ('A', make_percpus_absolute, x86-64 SMP's --absolute-percpu);
 * and it sorts symbols of one address by weakness, linker-script names and leading
 * underscores before their nm order (compare_symbols). 23-lab-proc checks the result:
 * `grep -c . /proc/kallsyms` (94308 with its modules' 42) and `grep mod_b` (38 vmlinux lines).
 *
 * Writes src/modules/data/vmlinux-kallsyms.br: brotli of one line per symbol, "DELTA TYPE
 * NAME", DELTA the hex distance from the previous symbol's address (src/modules/vmlinux-symbols.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** scripts/kallsyms.c (6.1) ignored_symbols: its own tables, which change between passes. */
const IGNORED = new Set([
  'kallsyms_addresses', 'kallsyms_offsets', 'kallsyms_relative_base', 'kallsyms_num_syms', 'kallsyms_names',
  'kallsyms_markers', 'kallsyms_token_table', 'kallsyms_token_index', 'kallsyms_seqs_of_names',
]);

interface Sym {
  addr: bigint;
  type: string;
  name: string;
  pos: number;
}

/** may_be_linker_script_provide_symbol() */
function linkerProvided(name: string): boolean {
  if (name.length < 8 || !name.startsWith('__')) return false;
  return name.startsWith('__start_') || name.startsWith('__stop_') || name.startsWith('__end_') || name.endsWith('_start') || name.endsWith('_end');
}

const underscores = (name: string): number => /^_*/.exec(name)?.[0].length ?? 0;

/** compare_symbols() */
function compare(a: Sym, b: Sym): number {
  if (a.addr !== b.addr) return a.addr < b.addr ? -1 : 1;
  const weak = (s: Sym): number => (s.type === 'w' || s.type === 'W' ? 1 : 0);
  if (weak(a) !== weak(b)) return weak(a) - weak(b);
  const provided = (s: Sym): number => (linkerProvided(s.name) ? 1 : 0);
  if (provided(a) !== provided(b)) return provided(a) - provided(b);
  if (underscores(a.name) !== underscores(b.name)) return underscores(a.name) - underscores(b.name);
  return a.pos - b.pos;
}

function main(): void {
  const map = process.argv[2];
  if (!map) throw new Error('usage: record-vmlinux-symbols.js SYSTEM_MAP');
  const syms: Sym[] = [];
  for (const line of fs.readFileSync(map, 'latin1').split('\n')) {
    const [addr, type, name] = line.split(' ');
    if (name === undefined) continue;
    // is_ignored_symbol(): undefined, debugging and absolute symbols (x86 keeps none of the latter)
    if ('UuNnAa'.includes(type) || IGNORED.has(name)) continue;
    syms.push({ addr: BigInt(`0x${addr}`), type, name, pos: syms.length });
  }
  const start = syms.find((s) => s.name === '__per_cpu_start')?.addr;
  const end = syms.find((s) => s.name === '__per_cpu_end')?.addr;
  if (start === undefined || end === undefined) throw new Error('no per-CPU range');
  for (const s of syms) if (s.addr >= start && s.addr <= end) s.type = 'A';
  syms.sort(compare);
  let prev = 0n;
  const lines = syms.map((s) => {
    const delta = s.addr - prev;
    prev = s.addr;
    return `${delta.toString(16)} ${s.type} ${s.name}\n`;
  });
  const packed = zlib.brotliCompressSync(Buffer.from(lines.join(''), 'latin1'), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  const target = path.resolve(__dirname, '../../src/modules/data/vmlinux-kallsyms.br');
  fs.writeFileSync(target, packed);
  process.stdout.write(`${syms.length} symbols, ${packed.length} bytes\n`);
}

if (require.main === module) main();
