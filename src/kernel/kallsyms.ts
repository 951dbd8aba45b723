/**
 * A loaded module's lines in /proc/kallsyms: its whole ELF symtab in symtab order, as the
 * oracle recorded it for the test modules (20-lab-tools, 23-lab-proc: `grep '\[mod_b\]'
 * /proc/kallsyms`): the build-id notes, the ksymtab entries of its exports, its static
 * functions and variables, __this_module and the cleanup_module alias of its exit function
 * (init functions are gone: .init.text is freed once init returns). A module the oracle did
 * not record lists its notes, exports and __this_module in the same layout.
 * Sections: text at the module's address, rodata 0x1000 above, data 0x2000 above.
 */
import type { ModuleImage } from './image';

export type KsymSection = 'text' | 'ro' | 'data';
/** [type letter, name, section, offset]. */
export type Ksym = [string, string, KsymSection, number];

const notes: Ksym[] = [['r', '_note_10', 'ro', 0x24], ['r', '_note_9', 'ro', 0x3c]];

const simple = (exit: string, unique: number): Ksym[] => [
  ...notes,
  ['t', exit, 'text', 0],
  ['d', `__UNIQUE_ID___addressable_cleanup_module${unique}`, 'data', 0],
  ['d', '__this_module', 'data', 0x40],
  ['t', 'cleanup_module', 'text', 0],
];

/** The recorded symtabs (6.1.0-56-amd64 build of ../shared/oracle/modules). */
const RECORDED: Readonly<Record<string, Ksym[]>> = {
  hello: simple('hello_exit', 195),
  mod_a: simple('mod_a_exit', 195),
  mod_b: [
    ['r', '__crc_mod_b_add', 'ro', 0x78],
    ['r', '__crc_mod_b_gpl_secret', 'ro', 0x7c],
    ...notes,
    ['r', '__kstrtab_mod_b_add', 'ro', 0x80],
    ['r', '__kstrtabns_mod_b_add', 'ro', 0x8a],
    ['r', '__ksymtab_mod_b_add', 'ro', 0x60],
    ['r', '__kstrtab_mod_b_gpl_secret', 'ro', 0x8b],
    ['r', '__kstrtabns_mod_b_gpl_secret', 'ro', 0x9c],
    ['r', '__ksymtab_mod_b_gpl_secret', 'ro', 0x6c],
    ['t', 'mod_b_exit', 'text', 0x1f],
    ['d', '__UNIQUE_ID___addressable_cleanup_module197', 'data', 0],
    ['T', 'mod_b_add', 'text', 0],
    ['d', '__this_module', 'data', 0x40],
    ['t', 'cleanup_module', 'text', 0x1f],
    ['t', 'mod_b_gpl_secret', 'text', 0x10],
  ],
  hello_param: [
    ...notes,
    ['d', 'myint', 'data', 0x8],
    ['d', 'mystring', 'data', 0x10],
    ['b', 'arr_argc', 'data', 0x4c0],
    ['d', 'myintarray', 'data', 0x18],
    ['b', 'hidden', 'data', 0x4c4],
    ['t', 'hello_param_exit', 'text', 0],
    ['d', '__UNIQUE_ID___addressable_cleanup_module203', 'data', 0],
    ['r', '__param_hidden', 'ro', 0x140],
    ['r', '__param_str_hidden', 'ro', 0x168],
    ['r', '__param_myintarray', 'ro', 0x118],
    ['r', '__param_str_myintarray', 'ro', 0x16f],
    ['r', '__param_arr_myintarray', 'ro', 0x100],
    ['r', '__param_mystring', 'ro', 0xd8],
    ['r', '__param_str_mystring', 'ro', 0x17b],
    ['r', '__param_myint', 'ro', 0xb0],
    ['r', '__param_str_myint', 'ro', 0x185],
    ['d', '__this_module', 'data', 0x40],
    ['t', 'cleanup_module', 'text', 0],
  ],
};

/** elf_type()'s letter → where the symbol lives in the module's layout. */
const SECTION_OF: Readonly<Record<string, KsymSection>> = { t: 'text', r: 'ro', d: 'data', b: 'data' };

/**
 * The symtab lines of IMAGE: the recorded ones, the image's own core symtab (the kernel
 * capitalises the letter of a plain EXPORT_SYMBOL: s_show's toupper when is_exported), or
 * notes + exports + __this_module.
 */
export function moduleSymtab(image: ModuleImage): Ksym[] {
  const recorded = RECORDED[image.name];
  if (recorded && image.id === `oracle:${image.name}`) return recorded;
  if (image.symtab) {
    // is_exported() looks in mod->syms only: EXPORT_SYMBOL_GPL ones stay lowercase
    const exported = new Set(image.exports.filter((e) => !e.gpl).map((e) => e.symbol));
    return image.symtab.map((line): Ksym => {
      const [type, name, offset] = line.split(' ');
      return [exported.has(name) ? type.toUpperCase() : type, name, SECTION_OF[type] ?? 'data', Number.parseInt(offset, 16) || 0];
    });
  }
  const syms: Ksym[] = image.exports.map((s, i): Ksym => ['r', `__crc_${s.symbol}`, 'ro', 0x78 + 8 * i]);
  syms.push(...notes);
  image.exports.forEach((s, i) => {
    syms.push(['r', `__kstrtab_${s.symbol}`, 'ro', 0x80 + 0x20 * i]);
    syms.push(['r', `__kstrtabns_${s.symbol}`, 'ro', 0x8a + 0x20 * i]);
    syms.push(['r', `__ksymtab_${s.symbol}`, 'ro', 0x60 + 12 * i]);
  });
  image.exports.forEach((s, i) => syms.push([s.gpl ? 't' : 'T', s.symbol, 'text', 0x10 * i]));
  syms.push(['d', '__this_module', 'data', 0x40]);
  if (image.exit) syms.push(['t', 'cleanup_module', 'text', 0]);
  return syms;
}
