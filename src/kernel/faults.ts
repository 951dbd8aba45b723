/**
 * What the kernel prints when a module's code faults, as the oracle recorded it for a
 * module's init (11a-oops-null, 11b-soft-lockup, 11c-bug, 11d-warn): the page fault Oops
 * (arch/x86/mm/fault.c page_fault_oops → show_fault_oops, then die()), BUG()'s invalid
 * opcode (lib/bug.c report_bug → die()), WARN()'s report (kernel/panic.c __warn) and the
 * soft-lockup watchdog (kernel/watchdog.c watchdog_timer_fn). Register values and the "?"
 * stack entries are one real run's (they differ from run to run; the fidelity suite
 * normalizes registers and drops "?" lines); everything else is what Linux prints.
 */
import type { Linux } from './linux';
import type { LoadedModule } from './state';
import type { SourceSpot } from './module-code';
import type { LogLevel } from './image';
import { FINIT_MODULE_USER, HARDWARE_NAME, versionTag } from './dump-stack';
import { modAddress } from './procfs';
import { moduleTaintLetters, moduleTaintMask, printTainted } from './taint';

export const TAINT_DIE = 7;
export const TAINT_WARN = 9;
export const TAINT_SOFTLOCKUP = 14;

/** The x86 page fault error code bits (arch/x86/include/asm/trap_pf.h). */
const X86_PF_WRITE = 1 << 1;
const X86_PF_INSTR = 1 << 4;
/** Below this address a fault is "NULL pointer dereference". */
const PAGE_SIZE = 4096;

/** The "?" entries between do_syscall_64 and the user registers: stack garbage, as 11a/11b/11c/11d recorded it. */
const GARBAGE = {
  oops: ['mmap_region+0x495/0x770', 'vm_mmap_pgoff+0x103/0x180', 'ksys_mmap_pgoff+0xe8/0x1f0', 'exit_to_user_mode_prepare+0x44/0x240', 'syscall_exit_to_user_mode+0x1e/0x40', 'do_syscall_64+0x69/0xb0', 'exit_to_user_mode_prepare+0x44/0x240'],
  lockup: ['kmem_cache_free+0x15/0x310', 'do_sys_openat2+0x9b/0x170', 'exit_to_user_mode_prepare+0x44/0x240', 'syscall_exit_to_user_mode+0x1e/0x40', 'do_syscall_64+0x69/0xb0'],
  bug: ['do_sys_openat2+0x9b/0x170', 'exit_to_user_mode_prepare+0x44/0x240', 'syscall_exit_to_user_mode+0x1e/0x40', 'do_syscall_64+0x69/0xb0', 'exit_to_user_mode_prepare+0x44/0x240'],
  warn: ['__do_sys_newfstatat+0x4e/0x80', 'exit_to_user_mode_prepare+0x44/0x240', 'syscall_exit_to_user_mode+0x1e/0x40', 'do_syscall_64+0x69/0xb0', 'kmem_cache_free+0x15/0x310', 'do_sys_openat2+0x9b/0x170', 'exit_to_user_mode_prepare+0x44/0x240', 'syscall_exit_to_user_mode+0x1e/0x40', 'do_syscall_64+0x69/0xb0'],
} as const;

/** Who was running: the task in the module's code. */
export interface FaultTask {
  pid: number;
  comm: string;
}

/** The calls above a module function the kernel made (init: do_one_initcall; exit: delete_module). */
function kernelFrames(fromInit: boolean): string[] {
  return fromInit
    ? [' do_one_initcall+0x59/0x220', ' do_init_module+0x4a/0x1f0', ' __do_sys_finit_module+0xac/0x120', ' do_syscall_64+0x5d/0xb0']
    : [' __do_sys_delete_module+0x1d5/0x320', ' do_syscall_64+0x5d/0xb0'];
}

/** __show_regs() for the module function the CPU was in; RAX holds the last printk's length. */
function registers(mod: LoadedModule, at: SourceSpot, rax: number): string[] {
  const hex = (n: number): string => n.toString(16).padStart(16, '0');
  const code = modAddress(mod.address + 0x4fe7);
  return [
    `RIP: 0010:${at.function}+0x11/0x1000 [${mod.name}]`,
    `Code: Unable to access opcode bytes at 0x${code}.`,
    'RSP: 0018:ff8a7a12c043bb78 EFLAGS: 00000246',
    `RAX: ${hex(rax)} RBX: ${modAddress(mod.address + 0x5000)} RCX: c0000000ffffefff`,
    'RDX: 0000000000000000 RSI: 00000000ffffefff RDI: 0000000000000001',
    'RBP: ff38d5148185f2f0 R08: 0000000000000000 R09: ff8a7a12c043ba10',
    'R10: 0000000000000003 R11: ffffffff848d4448 R12: ff8a7a12c043bb80',
    'R13: 0000000000000000 R14: 0000000000000000 R15: 0000000000000000',
    'FS:  00007f05fcb70380(0000) GS:ff38d514bdf00000(0000) knlGS:0000000000000000',
    'CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
    `CR2: ${code} CR3: 00000000018da000 CR4: 0000000000751ee0`,
    'PKRU: 55555554',
  ];
}

/** print_modules(): every module, newest first, with its flags, and the last one unloaded. */
export function modulesLinkedIn(k: Linux): string {
  const list = k.modules().map((m) => {
    const letters = moduleTaintLetters(moduleTaintMask(m.taint));
    const state = m.state === 'coming' ? '+' : m.state === 'going' ? '-' : '';
    return letters === '' && state === '' ? ` ${m.name}` : ` ${m.name}(${letters}${state})`;
  });
  const last = k.state.lastUnloaded !== undefined ? ` [last unloaded: ${k.state.lastUnloaded}]` : '';
  return `Modules linked in:${list.join('')}${last}`;
}

/** dump_stack_print_info(): the CPU line (a task's CPU: its PID's parity, as the recordings happen to show). */
function cpuLines(k: Linux, task: FaultTask): string[] {
  return [
    `CPU: ${task.pid & 1} PID: ${task.pid} Comm: ${task.comm.slice(0, 15)} ${printTainted(k.state.tainted)} ${k.config.release} ${versionTag(k.config.version)}`,
    `Hardware name: ${HARDWARE_NAME}`,
  ];
}

function trace(garbage: readonly string[], fromInit: boolean): string[] {
  return ['Call Trace:', ' <TASK>', ...kernelFrames(fromInit), ...garbage.map((g) => ` ? ${g}`), ' entry_SYSCALL_64_after_hwframe+0x6e/0xd8', ...FINIT_MODULE_USER];
}

function emit(k: Linux, lines: ReadonlyArray<readonly [LogLevel, string]>): void {
  for (const [level, text] of lines) k.printk(level, text);
}

/** oops_begin(): the first taint of a dying kernel turns lock debugging off without a word. */
function oopsBegin(k: Linux): number {
  k.once('debug_locks_off');
  k.state.dieCounter = (k.state.dieCounter ?? 0) + 1;
  return k.state.dieCounter;
}

/**
 * page_fault_oops() for a kernel-mode ACCESS to ADDRESS; the task then dies of SIGKILL. A
 * fetch (a call through a NULL function pointer) is worded from show_fault_oops() in
 * arch/x86/mm/fault.c; the oracle recorded reads only, so its registers are a read's.
 */
export function pageFaultOops(k: Linux, mod: LoadedModule, task: FaultTask, at: SourceSpot, address: number, access: 'read' | 'write' | 'fetch', rax: number, fromInit: boolean): void {
  const code = access === 'write' ? X86_PF_WRITE : access === 'fetch' ? X86_PF_INSTR : 0;
  const addr = address.toString(16).padStart(16, '0');
  const n = oopsBegin(k);
  const regs = registers(mod, at, rax);
  emit(k, [
    [1, address < PAGE_SIZE ? `BUG: kernel NULL pointer dereference, address: ${addr}` : `BUG: unable to handle page fault for address: ${addr}`],
    [1, `#PF: supervisor ${access === 'fetch' ? 'instruction fetch' : `${access} access`} in kernel mode`],
    [1, `#PF: error_code(0x${code.toString(16).padStart(4, '0')}) - not-present page`],
    [6, 'PGD 25ff067 P4D 0 '],
    [4, `Oops: ${code.toString(16).padStart(4, '0')} [#${n}] PREEMPT SMP NOPTI`],
    ...cpuLines(k, task).map((l) => [4, l] as const),
    ...regs.map((l) => [4, l] as const),
    ...trace(GARBAGE.oops, fromInit).map((l) => [4, l] as const),
    [4, modulesLinkedIn(k)],
    [4, `CR2: ${addr}`],
    [4, '---[ end trace 0000000000000000 ]---'],
    ...regs.map((l) => [4, l] as const),
    [6, `note: ${task.comm.slice(0, 15)}[${task.pid}] exited with irqs disabled`],
  ]);
  k.state.tainted |= 1 << TAINT_DIE;
}

/** BUG(): report_bug() then die("invalid opcode"); the task dies of SIGSEGV. */
export function bugReport(k: Linux, mod: LoadedModule, task: FaultTask, at: SourceSpot, rax: number, fromInit: boolean): void {
  const n = oopsBegin(k);
  const regs = registers(mod, at, rax);
  emit(k, [
    [4, '------------[ cut here ]------------'],
    [0, `kernel BUG at ${at.file}:${at.line}!`],
    [4, `invalid opcode: 0000 [#${n}] PREEMPT SMP NOPTI`],
    ...cpuLines(k, task).map((l) => [4, l] as const),
    ...regs.map((l) => [4, l] as const),
    ...trace(GARBAGE.bug, fromInit).map((l) => [4, l] as const),
    [4, modulesLinkedIn(k)],
    [4, '---[ end trace 0000000000000000 ]---'],
    ...regs.map((l) => [4, l] as const),
  ]);
  k.state.tainted |= 1 << TAINT_DIE;
}

/** __warn(): the report, then taint W; the code goes on. */
export function warnReport(k: Linux, mod: LoadedModule, task: FaultTask, at: SourceSpot, rax: number, fromInit: boolean): void {
  emit(k, [
    [4, '------------[ cut here ]------------'],
    [4, `WARNING: CPU: ${task.pid & 1} PID: ${task.pid} at ${at.file}:${at.line} ${at.function}+0x11/0x1000 [${mod.name}]`],
    [4, modulesLinkedIn(k)],
    ...cpuLines(k, task).map((l) => [4, l] as const),
    ...registers(mod, at, rax).map((l) => [4, l] as const),
    ...trace(GARBAGE.warn, fromInit).map((l) => [4, l] as const),
    [4, '---[ end trace 0000000000000000 ]---'],
  ]);
  k.state.tainted |= 1 << TAINT_WARN;
}

/**
 * The soft-lockup watchdog (watchdog_thresh 10: a CPU stuck over 20 s is reported). The
 * recording (11b) reports 24.7 s after the loop began ("stuck for 26s!") and again 28 s
 * later ("stuck for 52s!"); the first report taints L after printing.
 */
export const SOFTLOCKUP_FIRST_USEC = 24_665_000;
export const SOFTLOCKUP_PERIOD_USEC = 28_000_000;

export function softLockupReport(k: Linux, mod: LoadedModule, task: FaultTask, at: SourceSpot, rax: number, usec: number, count: number): void {
  const lines = [
    `watchdog: BUG: soft lockup - CPU#${task.pid & 1} stuck for ${26 * count}s! [${task.comm.slice(0, 15)}:${task.pid}]`,
    modulesLinkedIn(k),
    ...cpuLines(k, task),
    ...registers(mod, at, rax),
    ...trace(GARBAGE.lockup, true),
  ];
  lines.forEach((text, i) => k.printkAt(usec, i === 0 ? 0 : 4, text));
  k.state.lastUsec = Math.max(k.state.lastUsec, usec);
  k.state.tainted |= 1 << TAINT_SOFTLOCKUP;
}
