/**
 * NAME.mod.c as modpost 6.1 writes it (scripts/mod/modpost.c: add_header, add_exported_symbols,
 * add_versions, add_depends, add_srcversion), byte for byte what kbuild-paths.sh's builds left.
 * Its text matters beyond `cat`: modpost rewrites the file only when the text changes, and
 * only then is NAME.mod.o recompiled (00c-kbuild-paths: a touched .c relinks the .ko without
 * "CC [M] NAME.mod.o" unless the module's imports, exports or srcversion changed).
 */
import type { ModuleImage } from '../../kernel/image';

const HEADER = `#include <linux/module.h>
#define INCLUDE_VERMAGIC
#include <linux/build-salt.h>
#include <linux/elfnote-lto.h>
#include <linux/export-internal.h>
#include <linux/vermagic.h>
#include <linux/compiler.h>

BUILD_SALT;
BUILD_LTO_INFO;

MODULE_INFO(vermagic, VERMAGIC_STRING);
MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
\t.name = KBUILD_MODNAME,
\t.init = init_module,
#ifdef CONFIG_MODULE_UNLOAD
\t.exit = cleanup_module,
#endif
\t.arch = MODULE_ARCH_INIT,
};

#ifdef CONFIG_RETPOLINE
MODULE_INFO(retpoline, "Y");
#endif

`;

const hex = (crc: number): string => `0x${(crc >>> 0).toString(16).padStart(8, '0')}`;

export function modSource(image: ModuleImage): string {
  const gpl = new Set(image.exports.filter((e) => e.gpl).map((e) => e.symbol));
  const crcs = (image.exportCrcs ?? []).map(([crc, symbol]) => `SYMBOL_CRC(${symbol}, ${hex(crc)}, "${gpl.has(symbol) ? '_gpl' : ''}");\n`).join('');
  const versions = (image.modversions ?? []).map(([crc, symbol]) => `\t{ ${hex(crc)}, "${symbol}" },\n`).join('');
  const depends = image.modinfo.find(([k]) => k === 'depends')?.[1] ?? '';
  // add_srcversion: only a module with MODULE_VERSION gets one (CONFIG_MODULE_SRCVERSION_ALL is off)
  const srcversion = image.version !== undefined && image.srcversion !== undefined ? `\nMODULE_INFO(srcversion, "${image.srcversion}");\n` : '';
  return `${HEADER}${crcs}\nstatic const struct modversion_info ____versions[]\n__used __section("__versions") = {\n${versions}};\n\nMODULE_INFO(depends, "${depends}");\n\n${srcversion}`;
}
