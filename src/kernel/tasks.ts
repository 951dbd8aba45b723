/**
 * The tasks a freshly booted machine runs: init and the kernel's own threads, as `ps` showed
 * them in the oracle guest (22-lab-time-procs: `ps -o pid,user,stat,cmd`). Kernel workers'
 * names carry the workqueue they last served, which changes from moment to moment; these are
 * one moment's. The shell and the command a line runs come after them.
 */
export interface Task {
  pid: number;
  ppid: number;
  /** /proc/PID/comm */
  comm: string;
  /** /proc/PID/cmdline joined by spaces; empty for a kernel thread. */
  cmdline: string;
  /** ps STAT: state letter plus "<" (high priority) or "N" (nice). */
  stat: string;
}

/** [pid, stat, comm] of the kernel threads (parent kthreadd, PID 2). */
const KTHREADS: ReadonlyArray<[number, string, string]> = [
  [3, 'I<', 'rcu_gp'], [4, 'I<', 'rcu_par_gp'], [5, 'I<', 'slub_flushwq'], [6, 'I<', 'netns'],
  [7, 'I', 'kworker/0:0-events'], [8, 'I<', 'kworker/0:0H'], [9, 'I', 'kworker/u4:0-events_unbound'],
  [10, 'I<', 'mm_percpu_wq'], [11, 'I', 'rcu_tasks_kthread'], [12, 'I', 'rcu_tasks_rude_kthread'],
  [13, 'I', 'rcu_tasks_trace_kthread'], [14, 'S', 'ksoftirqd/0'], [15, 'I', 'rcu_preempt'], [16, 'S', 'migration/0'],
  [17, 'I', 'kworker/0:1-events'], [18, 'S', 'cpuhp/0'], [19, 'S', 'cpuhp/1'], [20, 'S', 'migration/1'],
  [21, 'S', 'ksoftirqd/1'], [22, 'I', 'kworker/1:0-rcu_gp'], [23, 'I<', 'kworker/1:0H-events_highpri'],
  [25, 'I', 'kworker/u4:1-events_unbound'], [26, 'S', 'kdevtmpfs'], [27, 'I<', 'inet_frag_wq'], [28, 'S', 'kauditd'],
  [29, 'S', 'khungtaskd'], [30, 'I', 'kworker/u4:2-events_unbound'], [31, 'S', 'oom_reaper'], [32, 'I<', 'writeback'],
  [33, 'S', 'kcompactd0'], [34, 'SN', 'ksmd'], [35, 'I', 'kworker/1:1-events_power_efficient'], [36, 'SN', 'khugepaged'],
  [37, 'I<', 'kintegrityd'], [38, 'I<', 'kblockd'], [39, 'I<', 'blkcg_punt_bio'], [40, 'I<', 'tpm_dev_wq'],
  [41, 'I<', 'edac-poller'], [42, 'I<', 'devfreq_wq'], [43, 'I<', 'quota_events_un'], [44, 'I<', 'kworker/1:1H'],
  [45, 'S', 'kswapd0'], [47, 'I', 'kworker/u4:3'], [52, 'I<', 'kthrotld'], [54, 'I<', 'acpi_thermal_pm'],
  [55, 'I', 'kworker/1:2'], [56, 'I<', 'mld'], [57, 'I<', 'ipv6_addrconf'], [62, 'I<', 'kstrp'],
  [67, 'I<', 'zswap-shrink'], [68, 'I<', 'kworker/u5:0'],
];

export const BOOT_TASKS: readonly Task[] = [
  { pid: 1, ppid: 0, comm: 'init', cmdline: '/bin/bash /init', stat: 'S' },
  { pid: 2, ppid: 0, comm: 'kthreadd', cmdline: '', stat: 'S' },
  ...KTHREADS.map(([pid, stat, comm]) => ({ pid, ppid: 2, comm, cmdline: '', stat })),
];
