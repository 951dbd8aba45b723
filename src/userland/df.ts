/**
 * df(1) of GNU coreutils 9.1: the machine's mounted filesystems (mounts.ts: the oracle guest's,
 * with this machine's usage) in df's table: default, -h/-H, -i, -P and --output[=FIELDS]
 * columns with df.c's headers ("1K-blocks", "Size", "1024-blocks", "Capacity", the
 * "1M-blocks" of -B1M), each column as wide as its widest cell (and at least df's minimum),
 * numbers right-aligned and the last column unpadded. Without FILEs the kernel's own
 * filesystems (proc, sysfs, devpts) are left out unless -a; a FILE shows the mount it is on.
 * Use% is rounded up; "-" where the size is 0. --total adds df's "total" row.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { coreutilsVersion } from './gnu-version';
import { HUMAN_1000, HUMAN_1024, PLAIN, humanReadable, parseBlockSize, type HumanOptions } from './human-size';
import { MOUNTS, mountOf, mountUsage, type Mount } from './mounts';
import { blockSizeNotes } from './block-size-note';

const LONG: LongOption[] = [
  { name: 'all', has: 'none', key: 'a' },
  { name: 'block-size', has: 'required', key: 'B' },
  { name: 'inodes', has: 'none', key: 'i' },
  { name: 'human-readable', has: 'none', key: 'h' },
  { name: 'si', has: 'none', key: 'H' },
  { name: 'local', has: 'none', key: 'l' },
  { name: 'output', has: 'optional', key: 'output' },
  { name: 'portability', has: 'none', key: 'P' },
  { name: 'print-type', has: 'none', key: 'T' },
  { name: 'sync', has: 'none', key: 'sync' },
  { name: 'no-sync', has: 'none', key: 'no-sync' },
  { name: 'total', has: 'none', key: 'total' },
  { name: 'type', has: 'required', key: 't' },
  { name: 'exclude-type', has: 'required', key: 'x' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --no-sync         do not invoke sync before getting usage info (default)
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,
                               or print all fields if FIELD_LIST is omitted.
  -P, --portability     use the POSIX output format
      --sync            invoke sync before getting usage info
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
  -v                    (ignored)
      --help        display this help and exit
      --version     output version information and exit

${blockSizeNotes('DF')}
FIELD_LIST is a comma-separated list of columns to be included.  Valid
field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',
'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/df>
or available locally via: info '(coreutils) df invocation'
`;

const VERSION = coreutilsVersion('df', 'Torbjorn Granlund, David MacKenzie, and Paul Eggert');

type Field = 'source' | 'fstype' | 'itotal' | 'iused' | 'iavail' | 'ipcent' | 'size' | 'used' | 'avail' | 'pcent' | 'file' | 'target';

/** df.c's field_data: caption, minimum width, alignment. */
const FIELDS: Record<Field, { caption: string; width: number; right: boolean }> = {
  source: { caption: 'Filesystem', width: 14, right: false },
  fstype: { caption: 'Type', width: 4, right: false },
  itotal: { caption: 'Inodes', width: 5, right: true },
  iused: { caption: 'IUsed', width: 5, right: true },
  iavail: { caption: 'IFree', width: 5, right: true },
  ipcent: { caption: 'IUse%', width: 5, right: true },
  size: { caption: 'blocks', width: 5, right: true },
  used: { caption: 'Used', width: 5, right: true },
  avail: { caption: 'Avail', width: 5, right: true },
  pcent: { caption: 'Use%', width: 4, right: true },
  file: { caption: 'File', width: 4, right: false },
  target: { caption: 'Mounted on', width: 0, right: false },
};
const ALL_FIELDS: Field[] = ['source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent', 'size', 'used', 'avail', 'pcent', 'file', 'target'];

type HeaderMode = 'default' | 'inodes' | 'human' | 'posix' | 'output';

interface Row {
  source: string;
  fstype: string;
  file: string;
  target: string;
  /** Bytes. */
  size: bigint;
  used: bigint;
  avail: bigint;
  itotal: bigint;
  iused: bigint;
  iavail: bigint;
}

/** Used as a percentage of used + available, rounded up; "-" when both are 0. */
function percent(used: bigint, avail: bigint): string {
  const total = used + avail;
  if (total === 0n) return '-';
  const u100 = used * 100n;
  return `${u100 / total + (u100 % total !== 0n ? 1n : 0n)}%`;
}

function rowOf(m: Mount, usage: { pages: number; inodes: number }, file: string): Row {
  const size = BigInt(m.pages) * 4096n;
  const used = BigInt(usage.pages) * 4096n;
  return {
    source: m.source, fstype: m.fstype, file, target: m.target,
    size, used, avail: size - used,
    itotal: BigInt(m.inodes), iused: BigInt(usage.inodes), iavail: BigInt(m.inodes - usage.inodes),
  };
}

interface Control {
  opts: HumanOptions;
  blockSize: bigint;
  mode: HeaderMode;
  fields: Field[];
}

/** The header of the size column: "1K-blocks", "1M-blocks", "1kB-blocks" (df.c's get_header). */
function sizeHeader(ctl: Control): string {
  if (ctl.mode === 'posix') return `${ctl.blockSize}-blocks`;
  let q1000 = ctl.blockSize;
  let q1024 = ctl.blockSize;
  let by1000: boolean;
  let by1024: boolean;
  do {
    by1000 = q1000 % 1000n === 0n;
    q1000 /= 1000n;
    by1024 = q1024 % 1024n === 0n;
    q1024 /= 1024n;
  } while (by1000 && by1024);
  let base1024 = ctl.opts.base1024;
  if (!by1000 && by1024) base1024 = true;
  if (!by1024 && by1000) base1024 = false;
  const opts: HumanOptions = { autoscale: true, si: true, base1024, bSuffix: ctl.opts.bSuffix || !base1024, group: false, suppressPointZero: true };
  return `${humanReadable(ctl.blockSize, opts, 1n)}-blocks`;
}

function header(field: Field, ctl: Control): string {
  if (field === 'size' && (ctl.mode === 'default' || ctl.mode === 'posix' || (ctl.mode === 'output' && !ctl.opts.autoscale))) return sizeHeader(ctl);
  if (field === 'size' && ctl.mode === 'human') return 'Size';
  if (field === 'avail' && (ctl.mode === 'default' || ctl.mode === 'posix')) return 'Available';
  if (field === 'pcent' && ctl.mode === 'posix') return 'Capacity';
  if (field === 'size') return 'Size';
  return FIELDS[field].caption;
}

function cell(field: Field, row: Row, ctl: Control): string {
  const blocks = (n: bigint): string => humanReadable(n, ctl.opts, ctl.blockSize);
  // inode counts are shown as counts, scaled only by -h/-H
  const inodes = (n: bigint): string => (ctl.opts.autoscale ? humanReadable(n, ctl.opts, 1n) : n.toString());
  switch (field) {
    case 'source': return row.source;
    case 'fstype': return row.fstype;
    case 'file': return row.file;
    case 'target': return row.target;
    case 'size': return blocks(row.size);
    case 'used': return blocks(row.used);
    case 'avail': return blocks(row.avail);
    case 'pcent': return percent(row.used, row.avail);
    case 'itotal': return inodes(row.itotal);
    case 'iused': return inodes(row.iused);
    case 'iavail': return inodes(row.iavail);
    case 'ipcent': return percent(row.iused, row.iavail);
  }
}

function printTable(rows: Row[], ctl: Control, io: Io): void {
  const table = [ctl.fields.map((f) => header(f, ctl)), ...rows.map((r) => ctl.fields.map((f) => cell(f, r, ctl)))];
  const widths = ctl.fields.map((f, c) => Math.max(FIELDS[f].width, ...table.map((line) => line[c].length)));
  let out = '';
  for (const line of table) {
    out += line
      .map((text, c) => {
        const last = c === line.length - 1;
        // the header's captions and the text fields are left-aligned, numbers right-aligned
        if (FIELDS[ctl.fields[c]].right) return text.padStart(widths[c]);
        return last ? text : text.padEnd(widths[c]);
      })
      .join(' ') + '\n';
  }
  io.out(out);
}

function parseOutput(list: string, io: Io): Field[] | number {
  const fields: Field[] = [];
  for (const name of list.split(',')) {
    if (!ALL_FIELDS.includes(name as Field)) {
      io.err(`df: option --output: field '${name}' unknown\n`);
      return tryHelp(io, 'df');
    }
    if (fields.includes(name as Field)) {
      io.err(`df: option --output: field '${name}' used more than once\n`);
      return tryHelp(io, 'df');
    }
    fields.push(name as Field);
  }
  return fields;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'aB:iF:hHklmPTt:vx:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'df');
  }
  let showAll = false;
  let human: HumanOptions | undefined;
  let blockSize: { opts: HumanOptions; size: bigint } | undefined;
  let mode: HeaderMode = 'default';
  let posix = false;
  let printType = false;
  let total = false;
  let outputFields: Field[] | undefined;
  const select: string[] = [];
  const exclude: string[] = [];
  for (const { key, arg, spelled } of parsed.options) {
    switch (key) {
      case 'help': return io.out(USAGE), 0;
      case 'version': return io.out(VERSION), 0;
      case 'a': showAll = true; break;
      case 'B': {
        const b = parseBlockSize(arg ?? '');
        if (typeof b === 'string') {
          const option = spelled === '-B' ? '-B' : '--block-size';
          io.err(
            b === 'overflow'
              ? `df: ${option} argument '${arg ?? ''}' too large\n`
              : `df: invalid ${b === 'suffix' ? 'suffix in ' : ''}${option} argument '${arg ?? ''}'\n`,
          );
          return 1;
        }
        blockSize = b;
        human = undefined;
        break;
      }
      case 'i':
        if (mode === 'output') {
          io.err('df: options -i and --output are mutually exclusive\n');
          return tryHelp(io, 'df');
        }
        mode = 'inodes';
        break;
      case 'h': human = HUMAN_1024; blockSize = undefined; break;
      case 'H': human = HUMAN_1000; blockSize = undefined; break;
      case 'k': blockSize = { opts: PLAIN, size: 1024n }; human = undefined; break;
      case 'm': blockSize = { opts: PLAIN, size: 1024n * 1024n }; human = undefined; break;
      case 'P':
        if (mode === 'output') {
          io.err('df: options -P and --output are mutually exclusive\n');
          return tryHelp(io, 'df');
        }
        posix = true;
        break;
      case 'T': printType = true; break;
      case 'total': total = true; break;
      case 't': select.push(arg ?? ''); break;
      case 'x': exclude.push(arg ?? ''); break;
      case 'output': {
        if (mode === 'inodes') {
          io.err('df: options -i and --output are mutually exclusive\n');
          return tryHelp(io, 'df');
        }
        if (posix) {
          io.err('df: options -P and --output are mutually exclusive\n');
          return tryHelp(io, 'df');
        }
        mode = 'output';
        if (arg !== undefined) {
          const fields = parseOutput(arg, io);
          if (typeof fields === 'number') return fields;
          outputFields = [...(outputFields ?? []), ...fields];
        } else {
          outputFields = ALL_FIELDS;
        }
        break;
      }
      default: break; // -l (every mount here is local), -v, --sync, --no-sync, -F
    }
  }
  for (const t of select) {
    if (exclude.includes(t)) {
      io.err(`df: file system type '${t}' both selected and excluded\n`);
      return 1;
    }
  }
  let opts = PLAIN;
  let size = 1024n;
  if (human) {
    opts = human;
    size = 1n;
  } else if (blockSize) {
    opts = blockSize.opts;
    size = blockSize.size;
  } else if (!posix) {
    const env = sys.env.DF_BLOCK_SIZE ?? sys.env.BLOCK_SIZE ?? sys.env.BLOCKSIZE;
    const b = env === undefined ? undefined : parseBlockSize(env);
    if (b !== undefined && typeof b !== 'string') {
      opts = b.opts;
      size = b.size;
    }
  }
  if (mode !== 'inodes' && mode !== 'output') {
    if (opts.autoscale) mode = 'human';
    else if (posix) mode = 'posix';
  }
  const fields: Field[] =
    mode === 'output'
      ? (outputFields ?? ALL_FIELDS)
      : mode === 'inodes'
        ? ['source', ...(printType ? ['fstype' as const] : []), 'itotal', 'iused', 'iavail', 'ipcent', 'target']
        : ['source', ...(printType ? ['fstype' as const] : []), 'size', 'used', 'avail', 'pcent', 'target'];
  const ctl: Control = { opts, blockSize: size, mode, fields };

  const usage = mountUsage(sys.fs);
  const wanted = (m: Mount): boolean => (select.length === 0 || select.includes(m.fstype)) && !exclude.includes(m.fstype);
  const rows: Row[] = [];
  let status = 0;
  if (parsed.operands.length === 0) {
    for (const m of MOUNTS) {
      if (m.dummy && !showAll) continue;
      if (!wanted(m)) continue;
      rows.push(rowOf(m, usage.get(m) ?? { pages: 0, inodes: 0 }, '-'));
    }
  } else {
    for (const name of parsed.operands) {
      const abs = sys.resolve(name);
      const real = sys.fs.realpath ? sys.fs.realpath(abs, true) : abs;
      const st = typeof real === 'number' ? real : sys.fs.stat(real);
      if (typeof real === 'number' || typeof st === 'number') {
        io.err(`df: ${name}: ${errnoText(typeof real === 'number' ? real : (st as number))}\n`);
        status = 1;
        continue;
      }
      const m = mountOf(real);
      if (!wanted(m)) continue;
      rows.push(rowOf(m, usage.get(m) ?? { pages: 0, inodes: 0 }, name));
    }
  }
  if (rows.length === 0) {
    if (status === 0) {
      io.err('df: no file systems processed\n');
      return 1;
    }
    return status;
  }
  if (total) {
    const sum = (k: 'size' | 'used' | 'avail' | 'itotal' | 'iused' | 'iavail'): bigint => rows.reduce((s, r) => s + r[k], 0n);
    rows.push({
      source: 'total', fstype: '-', file: '-', target: '-',
      size: sum('size'), used: sum('used'), avail: sum('avail'), itotal: sum('itotal'), iused: sum('iused'), iavail: sum('iavail'),
    });
  }
  printTable(rows, ctl, io);
  return status;
}

export const df: Tool = { name: 'df', main, summary: 'report file system space usage' };
