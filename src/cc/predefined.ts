/**
 * What gcc 12.2 defines before the first line of a module's C, as kbuild runs it for
 * Debian's 6.1.0-56-amd64: the compiler's own macros (`gcc -dM -E` with kbuild's x86-64
 * flags: -std=gnu11 -O2 -mcmodel=kernel -mno-sse -fno-PIE -fstack-protector-strong
 * -fcf-protection=branch; -nostdinc, so nothing from stdc-predef.h), kbuild's -D options
 * (__KERNEL__, MODULE, KBUILD_MODNAME, KBUILD_BASENAME), and what `-include
 * include/linux/kconfig.h` brings: the CONFIG_* of the kernel's .config and the
 * IS_ENABLED() family. Only CONFIG_* options something on this machine shows to be set are
 * here (the vermagic string, the transcripts, the kernel's behaviour); the real autoconf.h
 * has thousands.
 */

/** `gcc -dM -E` for kbuild's flags, floating point and atomics left out. */
const COMPILER = `
#define _LP64 1
#define __BIGGEST_ALIGNMENT__ 16
#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __CET__ 1
#define __CHAR16_TYPE__ short unsigned int
#define __CHAR32_TYPE__ unsigned int
#define __CHAR_BIT__ 8
#define __ELF__ 1
#define __FXSR__ 1
#define __GNUC_EXECUTION_CHARSET_NAME "UTF-8"
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 0
#define __GNUC_STDC_INLINE__ 1
#define __GNUC_WIDE_EXECUTION_CHARSET_NAME "UTF-32LE"
#define __GNUC__ 12
#define __INT16_MAX__ 0x7fff
#define __INT16_TYPE__ short int
#define __INT32_MAX__ 0x7fffffff
#define __INT32_TYPE__ int
#define __INT64_MAX__ 0x7fffffffffffffffL
#define __INT64_TYPE__ long int
#define __INT8_MAX__ 0x7f
#define __INT8_TYPE__ signed char
#define __INTMAX_MAX__ 0x7fffffffffffffffL
#define __INTMAX_TYPE__ long int
#define __INTPTR_MAX__ 0x7fffffffffffffffL
#define __INTPTR_TYPE__ long int
#define __INT_MAX__ 0x7fffffff
#define __LONG_LONG_MAX__ 0x7fffffffffffffffLL
#define __LONG_MAX__ 0x7fffffffffffffffL
#define __LP64__ 1
#define __OPTIMIZE__ 1
#define __ORDER_BIG_ENDIAN__ 4321
#define __ORDER_LITTLE_ENDIAN__ 1234
#define __ORDER_PDP_ENDIAN__ 3412
#define __PTRDIFF_MAX__ 0x7fffffffffffffffL
#define __PTRDIFF_TYPE__ long int
#define __SCHAR_MAX__ 0x7f
#define __SHRT_MAX__ 0x7fff
#define __SIG_ATOMIC_MAX__ 0x7fffffff
#define __SIG_ATOMIC_MIN__ (-__SIG_ATOMIC_MAX__ - 1)
#define __SIG_ATOMIC_TYPE__ int
#define __SIZEOF_DOUBLE__ 8
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG_DOUBLE__ 16
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_LONG__ 8
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_PTRDIFF_T__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_SIZE_T__ 8
#define __SIZEOF_WCHAR_T__ 4
#define __SIZEOF_WINT_T__ 4
#define __SIZE_MAX__ 0xffffffffffffffffUL
#define __SIZE_TYPE__ long unsigned int
#define __SSP_STRONG__ 3
#define __STDC_HOSTED__ 1
#define __STDC_UTF_16__ 1
#define __STDC_UTF_32__ 1
#define __STDC_VERSION__ 201112L
#define __STDC__ 1
#define __UINT16_MAX__ 0xffff
#define __UINT16_TYPE__ short unsigned int
#define __UINT32_MAX__ 0xffffffffU
#define __UINT32_TYPE__ unsigned int
#define __UINT64_MAX__ 0xffffffffffffffffUL
#define __UINT64_TYPE__ long unsigned int
#define __UINT8_MAX__ 0xff
#define __UINT8_TYPE__ unsigned char
#define __UINTMAX_MAX__ 0xffffffffffffffffUL
#define __UINTMAX_TYPE__ long unsigned int
#define __UINTPTR_MAX__ 0xffffffffffffffffUL
#define __UINTPTR_TYPE__ long unsigned int
#define __VERSION__ "12.2.0"
#define __WCHAR_MAX__ 0x7fffffff
#define __WCHAR_MIN__ (-__WCHAR_MAX__ - 1)
#define __WCHAR_TYPE__ int
#define __WINT_MAX__ 0xffffffffU
#define __WINT_MIN__ 0U
#define __WINT_TYPE__ unsigned int
#define __amd64 1
#define __amd64__ 1
#define __code_model_kernel__ 1
#define __gnu_linux__ 1
#define __linux 1
#define __linux__ 1
#define __unix 1
#define __unix__ 1
#define __x86_64 1
#define __x86_64__ 1
#define linux 1
#define unix 1
`;

/**
 * CONFIG_* known to be =y on 6.1.0-56-amd64, each with what shows it: vermagic "SMP preempt
 * mod_unload modversions"; modinfo's retpoline:Y; kbuild's BTF [M] lines; 11g's pr_debug
 * (dynamic debug); 07c's signature check; HZ=250 (jiffies in src/cc/builtins.ts); the
 * soft lockup (11b) and Oops reports (11a, with symbol names).
 */
export const KNOWN_CONFIG: readonly string[] = [
  'CONFIG_X86_64', 'CONFIG_64BIT', 'CONFIG_X86', 'CONFIG_SMP', 'CONFIG_PREEMPT_BUILD', 'CONFIG_MODULES', 'CONFIG_MODULE_UNLOAD', 'CONFIG_MODVERSIONS',
  'CONFIG_RETPOLINE', 'CONFIG_DEBUG_INFO_BTF', 'CONFIG_DEBUG_INFO_BTF_MODULES', 'CONFIG_DYNAMIC_DEBUG', 'CONFIG_MODULE_SIG', 'CONFIG_PRINTK', 'CONFIG_BUG',
  'CONFIG_KALLSYMS', 'CONFIG_SOFTLOCKUP_DETECTOR', 'CONFIG_SYSFS', 'CONFIG_PROC_FS',
];

/** include/linux/kconfig.h (6.1), which kbuild passes to every compile with -include. */
const KCONFIG_H = `
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __and(x, y) ___and(x, y)
#define ___and(x, y) ____and(__ARG_PLACEHOLDER_##x, y)
#define ____and(arg1_or_junk, y) __take_second_arg(arg1_or_junk y, 0)
#define __or(x, y) ___or(x, y)
#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
`;

/** The macros every translation unit starts with, as #define lines (one per line). */
export function predefinedSource(): string {
  const kbuild = ['#define __KERNEL__ 1', '#define MODULE 1', '#define CONFIG_HZ 250'];
  return [COMPILER.trim(), ...kbuild, ...KNOWN_CONFIG.map((c) => `#define ${c} 1`), KCONFIG_H.trim()].join('\n') + '\n';
}

/** kbuild's -DKBUILD_MODNAME and -DKBUILD_BASENAME for one object of one module. */
export function kbuildNames(modname: string, basename: string): string {
  return `#define KBUILD_MODNAME ${JSON.stringify(modname)}\n#define KBUILD_BASENAME ${JSON.stringify(basename)}\n`;
}

/**
 * Macros cpp computes where they are used (libcpp's builtin table): redefining one is
 * "redefined" without a previous location, undefining one is warned about.
 */
export const DYNAMIC_MACROS: ReadonlySet<string> = new Set(['__FILE__', '__LINE__', '__COUNTER__', '__INCLUDE_LEVEL__', '__BASE_FILE__', '__DATE__', '__TIME__', '__TIMESTAMP__', '__FILE_NAME__']);
