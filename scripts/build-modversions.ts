/**
 * Reads the real .ko files of Debian's linux-image-6.1.0-56-amd64 (6.1.192-2) and writes what
 * `modprobe --show-exports` and `--dump-modversions` print for the catalog's modules, plus the
 * vmlinux CRCs that a teaching or student module's __versions names (Module.symvers of
 * linux-headers-6.1.0-56-amd64). Run once; its output is committed:
 *
 *   apt-get download linux-image-6.1.0-56-amd64 linux-headers-6.1.0-56-amd64
 *   dpkg-deb -x linux-image-*.deb img; dpkg-deb -x linux-headers-*.deb hdr
 *   npx tsc -p . && node dist/scripts/build-modversions.js img/lib/modules/6.1.0-56-amd64 \
 *       hdr/usr/src/linux-headers-6.1.0-56-amd64/Module.symvers TEACHING_BUILD_DIR
 *
 * TEACHING_BUILD_DIR: a copy of ../shared/oracle/modules built as its prepare.sh does (make with
 * KDIR=/usr/src/linux-headers-6.1.0-56-amd64; prop/ with KBUILD_EXTRA_SYMBOLS=../Module.symvers,
 * prop_gpl/ with KBUILD_MODPOST_WARN=1; the license-less old/, seed/, seed2/ through a twin with
 * MODULE_LICENSE added, whose .mod.o — where __versions lives — is the one the oracle links).
 *
 * Writes src/modules/data/modversions.json:
 *   symbols   every symbol name used below, once (modules share most of their imports)
 *   crcs      the CRC of symbols[i] (one value per name: a symbol's CRC is the same in the
 *             module exporting it, in Module.symvers and in every importer's __versions)
 *   gpl       indexes of the symbols exported with EXPORT_SYMBOL_GPL
 *   teaching  the same for the oracle's teaching modules, by name
 *   modules   per catalog module: `versions`, the __versions entries in section order
 *             (kmod's kmod_elf_get_modversions), and `exports`, the __crc_ symbols in
 *             .symtab order (kmod_elf_get_symbols), both as indexes into `symbols`
 * A module whose .symtab has no __crc_ symbol and no __ksymtab_strings gets no `exports`.
 *
 * And src/modules/data/kallsyms.json: for the catalog modules a lab loads (the oracle guest's
 * INTREE_MODULES closure) with at most KALLSYMS_MAX_SYMBOLS core symbols, the lines
 * /proc/kallsyms shows once the module is live: .symtab entries the kernel keeps
 * (kernel/module/kallsyms.c is_core_symbol: defined, named, in an allocated section that is
 * not .init*; the loader unallocates .modinfo and __versions), as "TYPE NAME OFFSET" with
 * elf_type()'s lowercase letter (the kernel capitalises exported ones) and the symbol's
 * offset in its section.
 */
import * as fs from 'fs';
import * as path from 'path';

const [moduleDir, symversPath, teachingDir] = process.argv.slice(2);
if (!moduleDir || !symversPath || !teachingDir) {
  process.stderr.write('usage: build-modversions MODULE_DIR MODULE_SYMVERS TEACHING_BUILD_DIR\n');
  process.exit(2);
}
const catalogPath = path.resolve(__dirname, '../../src/modules/data/catalog.json');
const outPath = path.resolve(__dirname, '../../src/modules/data/modversions.json');

/** The vmlinux symbols a teaching or student module may import (src/cc's kernel API). */
const EXTRA_VMLINUX = [
  '__fentry__', '_printk', '__x86_return_thunk', 'module_layout', 'param_ops_int', 'param_ops_charp',
  'param_ops_bool', 'param_ops_uint', 'param_ops_long', 'param_ops_ulong', 'param_ops_short', 'param_ops_ushort',
  'param_ops_byte', 'param_ops_invbool', 'param_ops_hexint', 'param_ops_ullong', 'param_ops_string', 'param_array_ops',
  '__kmalloc', 'kmalloc_trace', 'kmalloc_caches', 'kfree', 'kmalloc_large', '__stack_chk_fail', 'dump_stack',
  'jiffies', 'msleep', 'mdelay', '__const_udelay', 'schedule', 'strlen', 'strcmp', 'strncmp', 'strcpy', 'strncpy',
  'strscpy', 'strcat', 'memcpy', 'memset', 'memcmp', 'sprintf', 'snprintf', 'scnprintf', 'sscanf', 'kstrtoint',
  'kstrtouint', 'kstrtol', 'kstrtoul', 'kstrtoll', 'kstrtoull', 'kstrdup', 'kzalloc', 'vmalloc', 'vfree', 'vzalloc',
  'param_set_int', 'param_get_int', 'param_set_bool', 'param_get_bool', 'param_set_charp', 'param_get_charp',
  'warn_slowpath_fmt', '__warn_printk', 'panic', 'current_task', 'pcpu_hot', 'get_random_u32', 'ktime_get',
  'ktime_get_real_seconds', 'kthread_create_on_node', 'kthread_stop', 'kthread_should_stop', 'wake_up_process',
  '__init_waitqueue_head', '__mutex_init', 'mutex_lock', 'mutex_unlock', '_raw_spin_lock', '_raw_spin_unlock',
  'init_timer_key', 'mod_timer', 'del_timer', 'del_timer_sync', 'add_timer', 'proc_create', 'proc_remove',
  'remove_proc_entry', 'misc_register', 'misc_deregister', '__register_chrdev', '__unregister_chrdev',
  'alloc_chrdev_region', 'unregister_chrdev_region', 'cdev_init', 'cdev_add', 'cdev_del', '_copy_to_user',
  '_copy_from_user', 'simple_read_from_buffer', 'seq_printf', 'seq_read', 'seq_lseek', 'single_open',
  'single_release', 'kobject_create_and_add', 'kobject_put', 'sysfs_create_file_ns', 'sysfs_remove_file_ns',
  'kernel_kobj', 'fortify_panic', 'BUG_func', '__ubsan_handle_out_of_bounds', 'system_wq', 'queue_work_on',
  'flush_work', 'cancel_work_sync', 'complete', 'wait_for_completion', 'usleep_range_state', 'find_vpid',
  'init_task', 'list_del', '__list_add_valid', '__list_del_entry_valid',
];

// ---- a minimal ELF64 little-endian reader -----------------------------------------------

interface Section { name: string; type: number; flags: number; offset: number; size: number }

class Elf {
  readonly sections: Section[] = [];
  constructor(readonly b: Buffer) {
    if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) throw new Error('not ELF64 LE');
    const shoff = Number(b.readBigUInt64LE(0x28));
    const shentsize = b.readUInt16LE(0x3a);
    const shnum = b.readUInt16LE(0x3c);
    const shstrndx = b.readUInt16LE(0x3e);
    const raw = [];
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      raw.push({ nameOff: b.readUInt32LE(o), type: b.readUInt32LE(o + 4), flags: Number(b.readBigUInt64LE(o + 8)), offset: Number(b.readBigUInt64LE(o + 0x18)), size: Number(b.readBigUInt64LE(o + 0x20)) });
    }
    const strtab = raw[shstrndx];
    for (const s of raw) this.sections.push({ name: this.cstr(strtab.offset + s.nameOff), type: s.type, flags: s.flags, offset: s.offset, size: s.size });
  }
  cstr(at: number): string {
    const end = this.b.indexOf(0, at);
    return this.b.toString('latin1', at, end);
  }
  section(name: string): Section | undefined {
    return this.sections.find((s) => s.name === name);
  }
}

/** kmod_elf_get_modversions(): 64 bytes an entry, an 8-byte CRC then the name. */
function modversions(elf: Elf): Array<[number, string]> {
  const s = elf.section('__versions');
  if (!s) return [];
  const out: Array<[number, string]> = [];
  for (let o = s.offset; o < s.offset + s.size; o += 64) {
    let name = elf.cstr(o + 8);
    if (name.startsWith('.')) name = name.slice(1);
    out.push([Number(elf.b.readBigUInt64LE(o)), name]);
  }
  return out;
}

const SHN_UNDEF = 0;
const SHN_ABS = 0xfff1;

/** kmod_elf_get_symbols(): the __crc_ symbols in .symtab order, CRCs resolved in their section. */
function exportCrcs(elf: Elf): Array<[number, string]> {
  const symtab = elf.section('.symtab');
  const strtab = elf.section('.strtab');
  if (!symtab || !strtab) throw new Error('no .symtab');
  const out: Array<[number, string]> = [];
  for (let o = symtab.offset + 24; o < symtab.offset + symtab.size; o += 24) {
    const name = elf.cstr(strtab.offset + elf.b.readUInt32LE(o));
    if (!name.startsWith('__crc_')) continue;
    const shndx = elf.b.readUInt16LE(o + 6);
    const value = Number(elf.b.readBigUInt64LE(o + 8));
    let crc = value;
    if (shndx !== SHN_ABS && shndx !== SHN_UNDEF) crc = elf.b.readUInt32LE(elf.sections[shndx].offset + value);
    out.push([crc, name.slice('__crc_'.length)]);
  }
  return out;
}

const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const SHT_NOBITS = 8;
/** Sections the module loader clears SHF_ALLOC of (layout_and_allocate, rewrite_section_headers). */
const UNALLOCATED = new Set(['.modinfo', '__versions']);

/** The core symbols of a live module as /proc/kallsyms lists them: "type name offset". */
function coreSymbols(elf: Elf): string[] {
  const symtab = elf.section('.symtab');
  const strtab = elf.section('.strtab');
  if (!symtab || !strtab) return [];
  const out: string[] = [];
  for (let o = symtab.offset + 24; o < symtab.offset + symtab.size; o += 24) {
    const nameOff = elf.b.readUInt32LE(o);
    const shndx = elf.b.readUInt16LE(o + 6);
    if (shndx === SHN_UNDEF || shndx >= elf.sections.length || nameOff === 0) continue;
    const sec = elf.sections[shndx];
    if (!(sec.flags & SHF_ALLOC) || UNALLOCATED.has(sec.name) || sec.name.startsWith('.init')) continue;
    // elf_type(): text, then read-only or writable data, then bss
    const type = sec.flags & SHF_EXECINSTR ? 't' : sec.type !== SHT_NOBITS ? (sec.flags & SHF_WRITE ? 'd' : 'r') : 'b';
    out.push(`${type} ${elf.cstr(strtab.offset + nameOff)} ${Number(elf.b.readBigUInt64LE(o + 8)).toString(16)}`);
  }
  return out;
}

/** The oracle guest's INTREE_MODULES and their dependencies (../shared/oracle/prepare.sh). */
const LAB_MODULES = new Set(['vfat', 'msdos', 'fat', 'ext4', 'jbd2', 'mbcache', 'crc16', 'dummy', 'bonding', 'snd_pcm', 'snd_dummy', 'snd',
  'snd_timer', 'soundcore', 'nls_cp437', 'nls_iso8859_1', 'nls_utf8', 'isofs', 'loop', 'fuse']);
/** Bigger modules (ext4, bonding, snd_pcm …) keep the short layout: their lines would weigh ~200 KB. */
const KALLSYMS_MAX_SYMBOLS = 300;
const kallsyms: Record<string, string[]> = {};

// ---- the tables ---------------------------------------------------------------------------

const symbols: string[] = [];
const crcs: number[] = [];
const index = new Map<string, number>();
function intern(crc: number, name: string, where: string): number {
  const i = index.get(name);
  if (i !== undefined) {
    if (crcs[i] !== crc) throw new Error(`${where}: ${name} has CRC ${crc.toString(16)}, elsewhere ${crcs[i].toString(16)}`);
    return i;
  }
  index.set(name, symbols.length);
  symbols.push(name);
  crcs.push(crc);
  return symbols.length - 1;
}

const symvers = new Map<string, { crc: number; gpl: boolean }>();
for (const line of fs.readFileSync(symversPath, 'utf8').split('\n')) {
  const [crc, name, , kind] = line.split('\t');
  if (name) symvers.set(name, { crc: Number(crc), gpl: kind === 'EXPORT_SYMBOL_GPL' });
}

const catalog = JSON.parse(fs.readFileSync(catalogPath, 'utf8')) as { modules: Array<{ name: string; path: string }> };
const modules: Record<string, { versions: number[]; exports?: number[] }> = {};
for (const m of catalog.modules) {
  const elf = new Elf(fs.readFileSync(path.join(moduleDir, m.path)));
  const core = coreSymbols(elf);
  if (LAB_MODULES.has(m.name) && core.length <= KALLSYMS_MAX_SYMBOLS) kallsyms[m.name] = core;
  const versions = modversions(elf).map(([crc, name]) => intern(crc, name, m.name));
  const exported = exportCrcs(elf);
  const entry: { versions: number[]; exports?: number[] } = { versions };
  if (exported.length > 0) entry.exports = exported.map(([crc, name]) => intern(crc, name, m.name));
  modules[m.name] = entry;
}
function listKo(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.endsWith('_twin') ? [] : listKo(p);
    return e.name.endsWith('.ko') ? [p] : [];
  });
}
const teaching: typeof modules = {};
for (const file of listKo(teachingDir).sort()) {
  const name = path.basename(file, '.ko');
  const elf = new Elf(fs.readFileSync(file));
  const entry: { versions: number[]; exports?: number[] } = { versions: modversions(elf).map(([crc, sym]) => intern(crc, sym, name)) };
  const exported = exportCrcs(elf);
  if (exported.length > 0) entry.exports = exported.map(([crc, sym]) => intern(crc, sym, name));
  teaching[name] = entry;
}
for (const name of EXTRA_VMLINUX) {
  const s = symvers.get(name);
  if (s) intern(s.crc, name, 'Module.symvers');
}
const gpl = symbols.flatMap((name, i) => (symvers.get(name)?.gpl ? [i] : []));
for (const [i, name] of symbols.entries()) {
  const s = symvers.get(name);
  if (s && s.crc !== crcs[i]) throw new Error(`Module.symvers: ${name} ${s.crc.toString(16)} != ${crcs[i].toString(16)}`);
}

fs.writeFileSync(outPath, JSON.stringify({ symbols, crcs, gpl, teaching, modules }) + '\n');
const kallsymsPath = path.resolve(__dirname, '../../src/modules/data/kallsyms.json');
fs.writeFileSync(kallsymsPath, JSON.stringify(kallsyms) + '\n');
process.stdout.write(`kallsyms: ${Object.keys(kallsyms).length} modules, ${fs.statSync(kallsymsPath).size} bytes\n`);
process.stdout.write(`${symbols.length} symbols, ${Object.keys(modules).length} modules, ${fs.statSync(outPath).size} bytes\n`);
