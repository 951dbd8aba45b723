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
  'printk', '__pr_debug', 'no_printk', 'ARRAY_SIZE', 'kstrtouint', 'kstrtou8', 'kstrtos8', 'kstrtou16', 'kstrtos16', 'kstrtoll', 'kstrtoull', 'kstrtobool', 'param_set_bool', 'param_get_bool', 'param_set_uint', 'param_get_uint',
  'param_set_charp', 'param_get_charp', 'list_del_init', 'list_first_entry', 'list_entry', 'container_of', 'list_is_last', 'get_jiffies_64', 'ktime_get_ns', 'ktime_get', 'pr_cont',
  'EXPORT_SYMBOL', 'ssleep', 'strim', 'strsep', 'kasprintf', 'kmemdup', 'kzfree', 'kvfree', 'kvmalloc', 'kvzalloc', 'vzalloc', 'num_online_cpus', 'smp_processor_id', 'might_sleep', 'strlen', 'strnlen', 'strcpy', 'strncpy', 'strscpy', 'strcat', 'strcmp', 'strncmp', 'strchr', 'strstr', 'sprintf', 'snprintf', 'scnprintf',
  'memset', 'memcpy', 'memmove', 'memcmp', 'kmalloc', 'kzalloc', 'kcalloc', 'krealloc', 'kfree', 'vmalloc', 'vfree', 'kstrdup', 'msleep', 'mdelay', 'udelay', 'ssleep',
  'usleep_range', 'WARN_ON', 'WARN_ON_ONCE', 'WARN', 'BUG', 'BUG_ON', 'likely', 'unlikely', 'min', 'max', 'abs', 'kstrtoint', 'kstrtol', 'kstrtoul', 'dump_stack',
  'jiffies_to_msecs', 'msecs_to_jiffies', 'INIT_LIST_HEAD', 'list_add', 'list_add_tail', 'list_del', 'list_empty', 'schedule', 'cond_resched', 'param_set_int', 'param_get_int',
]);

/** Identifiers the headers define that are not functions (INT_MAX and its kin: <linux/limits.h>, which <linux/module.h> reaches through <linux/moduleparam.h> and <linux/kernel.h>). */
export const KERNEL_NAMES: ReadonlySet<string> = new Set(['NULL', 'true', 'false', 'jiffies', 'HZ', 'INT_MAX', 'INT_MIN', 'UINT_MAX', 'LONG_MAX', 'LONG_MIN', 'ULONG_MAX', 'GFP_KERNEL', 'GFP_ATOMIC', 'THIS_MODULE', 'S_IRUGO', 'S_IWUSR', 'S_IRUSR', 'S_IWGRP', 'S_IRGRP', 'S_IROTH', 'S_IWOTH', ...Object.keys(ERRNO)]);
