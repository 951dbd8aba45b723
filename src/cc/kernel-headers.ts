/**
 * The macros of the simulated <linux/*.h> headers a module's text expands, as 6.1 writes
 * them: include/linux/kern_levels.h and include/linux/printk.h. printk itself, pr_*'s
 * target, stays a function the interpreter knows (6.1's printk macro only wraps _printk for
 * the printk index). They are defined at the first #include of a kernel header, so that a
 * module's own `#define pr_fmt(fmt) …` above its includes wins, as printk.h's
 * `#ifndef pr_fmt` lets it, and `#define DEBUG` above them turns pr_debug on.
 */

/** kern_levels.h: KERN_<LEVEL> is KERN_SOH ("\001") then the level's digit. */
const KERN_LEVELS_H = `
#define KERN_SOH "\\001"
#define KERN_SOH_ASCII '\\001'
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"
#define LOGLEVEL_SCHED -2
#define LOGLEVEL_DEFAULT -1
#define LOGLEVEL_EMERG 0
#define LOGLEVEL_ALERT 1
#define LOGLEVEL_CRIT 2
#define LOGLEVEL_ERR 3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_NOTICE 5
#define LOGLEVEL_INFO 6
#define LOGLEVEL_DEBUG 7
`;

/**
 * printk.h's pr_* (pr_cont takes no pr_fmt). pr_debug is a dynamic debug call site
 * (CONFIG_DYNAMIC_DEBUG=y): __pr_debug in the interpreter, silent unless enabled (11g) —
 * but dynamic_debug.h prints it from the start when DEBUG was defined before it
 * (_DPRINTK_FLAGS_DEFAULT). pr_devel prints only with DEBUG; without, no_printk.
 */
const PRINTK_H = `
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define pr_devel(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) __pr_debug(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif
`;

/** Header directories of the kernel tree (include/ and arch/x86/include/) and gcc's own. */
const KERNEL_HEADER_DIRS = ['linux', 'asm', 'asm-generic', 'uapi', 'generated', 'vdso', 'kunit', 'net', 'crypto', 'trace', 'media', 'sound', 'keys', 'drm',
  'scsi', 'xen', 'clocksource', 'dt-bindings', 'acpi', 'misc', 'ras', 'rdma', 'soc', 'target', 'video', 'pcmcia', 'memory', 'kvm', 'cxl', 'math-emu', 'ufs'];
/** gcc's include directory, which kbuild adds with -isystem (the rest of libc's headers is not there: -nostdinc). */
const GCC_HEADERS = new Set(['stdarg.h', 'stddef.h', 'stdbool.h', 'stdalign.h', 'stdnoreturn.h', 'iso646.h', 'float.h', 'stdatomic.h']);

/** Whether a header name (as between <>) is one of the kernel tree's or gcc's own. */
export function isKernelHeader(name: string): boolean {
  const top = name.split('/')[0];
  return (name.includes('/') && KERNEL_HEADER_DIRS.includes(top) && name.endsWith('.h')) || GCC_HEADERS.has(name);
}

/** What the first kernel header brings into the unit: one text the preprocessor reads. */
export const KERNEL_HEADER_MACROS = KERN_LEVELS_H.trim() + '\n' + PRINTK_H.trim() + '\n';
