/**
 * What the simulated <linux/*.h> headers give a module: errno names (include/uapi/asm-generic/
 * errno-base.h, errno.h) and the kernel functions and macros a beginner calls, which vmlinux
 * exports — so modpost does not count them as undefined.
 */
import * as errno from '../kernel/errno';

export const ERRNO: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(errno).filter(([name, value]) => /^E[A-Z]+$/.test(name) && typeof value === 'number'),
) as Record<string, number>;

/** Functions and function-like macros the headers declare (vmlinux exports or header inlines). */
export const KERNEL_FUNCTIONS: ReadonlySet<string> = new Set([
  'printk', 'ARRAY_SIZE', 'strlen', 'strnlen', 'strcpy', 'strncpy', 'strscpy', 'strcat', 'strcmp', 'strncmp', 'strchr', 'strstr', 'sprintf', 'snprintf', 'scnprintf',
  'memset', 'memcpy', 'memmove', 'memcmp', 'kmalloc', 'kzalloc', 'kcalloc', 'krealloc', 'kfree', 'vmalloc', 'vfree', 'kstrdup', 'msleep', 'mdelay', 'udelay', 'ssleep',
  'usleep_range', 'WARN_ON', 'WARN_ON_ONCE', 'WARN', 'BUG', 'BUG_ON', 'likely', 'unlikely', 'min', 'max', 'abs', 'kstrtoint', 'kstrtol', 'kstrtoul', 'dump_stack',
  'jiffies_to_msecs', 'msecs_to_jiffies', 'INIT_LIST_HEAD', 'list_add', 'list_add_tail', 'list_del', 'list_empty', 'schedule', 'cond_resched', 'param_set_int', 'param_get_int',
]);

/** Identifiers the headers define that are not functions. */
export const KERNEL_NAMES: ReadonlySet<string> = new Set(['NULL', 'true', 'false', 'jiffies', 'HZ', 'GFP_KERNEL', 'GFP_ATOMIC', 'THIS_MODULE', 'S_IRUGO', 'S_IWUSR', 'S_IRUSR', 'S_IWGRP', 'S_IRGRP', 'S_IROTH', 'S_IWOTH', ...Object.keys(ERRNO)]);
