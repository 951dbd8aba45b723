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

/**
 * Which of the file-scope module macros (parse.ts FILE_SCOPE_MACROS) a kernel header brings,
 * read off 6.1's headers with kbuild's flags (`gcc -E -dM`): most headers reach
 * <linux/export.h> (EXPORT_SYMBOL*) without <linux/module.h>; <linux/moduleparam.h> adds
 * module_param* and MODULE_PARM_DESC; a few define none. The rest (module.h itself, and
 * device.h, cdev.h, miscdevice.h, platform_device.h, pci.h, usb.h, netdevice.h … which include
 * it) bring them all, and so does any header not listed here. Without module.h,
 * `module_init(f);` is no macro but an old-style declaration (00b's err_noinclude).
 */
const BRINGS_NONE = new Set(['linux/init.h', 'linux/string.h', 'linux/types.h', 'linux/errno.h', 'linux/version.h', 'linux/kern_levels.h', 'linux/ioctl.h', 'linux/file.h',
  'linux/compiler.h', 'linux/err.h', 'linux/limits.h', 'linux/ctype.h', 'linux/kstrtox.h', 'linux/stddef.h', 'linux/stdarg.h', ...GCC_HEADERS]);
const BRINGS_EXPORT = new Set(['linux/kernel.h', 'linux/printk.h', 'linux/slab.h', 'linux/fs.h', 'linux/uaccess.h', 'linux/proc_fs.h', 'linux/seq_file.h', 'linux/kthread.h',
  'linux/delay.h', 'linux/sched.h', 'linux/timer.h', 'linux/jiffies.h', 'linux/list.h', 'linux/export.h', 'linux/interrupt.h', 'linux/workqueue.h', 'linux/mutex.h',
  'linux/spinlock.h', 'linux/kobject.h', 'linux/sysfs.h', 'linux/debugfs.h', 'linux/random.h', 'linux/gfp.h', 'linux/mm.h', 'linux/vmalloc.h', 'linux/ktime.h',
  'linux/hrtimer.h', 'linux/wait.h', 'linux/atomic.h', 'linux/utsname.h', 'linux/sched/signal.h', 'linux/stat.h', 'linux/completion.h', 'linux/semaphore.h',
  'linux/rcupdate.h', 'linux/idr.h', 'linux/bitops.h', 'linux/poll.h', 'linux/notifier.h', 'linux/reboot.h', 'linux/kmod.h', 'linux/cred.h', 'linux/hashtable.h',
  'linux/rbtree.h', 'linux/kref.h', 'linux/refcount.h', 'linux/percpu.h', 'linux/smp.h', 'linux/cpumask.h', 'linux/irq.h', 'linux/io.h', 'linux/of.h', 'linux/fcntl.h',
  'linux/pid.h', 'asm/io.h', 'asm/uaccess.h', 'linux/kfifo.h', 'linux/net.h', 'linux/time.h']);
const EXPORT_MACROS = ['EXPORT_SYMBOL', 'EXPORT_SYMBOL_GPL'];
const MODULEPARAM_MACROS = ['module_param', 'module_param_named', 'module_param_cb', 'module_param_array', 'module_param_string', 'MODULE_PARM_DESC', ...EXPORT_MACROS];

/**
 * The file-scope module macros that INCLUDES (as the preprocessor lists them: `<linux/x.h>`,
 * `"local.h"`) define, out of ALL; undefined when they define all of them.
 */
export function moduleMacrosOf(includes: readonly string[], all: ReadonlySet<string>): ReadonlySet<string> | undefined {
  const known = new Set<string>();
  for (const inc of includes) {
    if (!inc.startsWith('<')) continue;
    const name = inc.slice(1, -1);
    if (BRINGS_NONE.has(name)) continue;
    if (BRINGS_EXPORT.has(name)) EXPORT_MACROS.forEach((m) => known.add(m));
    else if (name === 'linux/moduleparam.h') MODULEPARAM_MACROS.forEach((m) => known.add(m));
    else if (isKernelHeader(name)) return undefined;
  }
  // no kernel header at all: Modlab has always read such a file leniently (a test's snippet)
  if (!includes.some((inc) => inc.startsWith('<') && isKernelHeader(inc.slice(1, -1)))) return undefined;
  return new Set([...all].filter((m) => known.has(m)));
}
