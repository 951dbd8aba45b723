/**
 * dump_stack() as do_init_module() triggers it when init returns a positive value
 * (lib/dump_stack.c dump_stack_print_info + the x86 unwinder). The header carries the
 * task, print_tainted() and the release; Debian's version patch appends " Debian 6.1.192-2"
 * after the "#1" of uts version. The trace below is the one recorded in the oracle's
 * 01-seed-tutorial (the "?" entries and user registers vary from run to run on a real
 * machine; these are one real run's).
 */
import { printTainted } from './taint';

export const HARDWARE_NAME = 'QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014';

const INIT_MODULE_TRACE = [
  ' <TASK>',
  ' dump_stack_lvl+0x44/0x5c',
  ' do_init_module.cold+0x21/0x26',
  ' __do_sys_finit_module+0xac/0x120',
  ' do_syscall_64+0x5d/0xb0',
  ' ? exit_to_user_mode_prepare+0x44/0x240',
  ' entry_SYSCALL_64_after_hwframe+0x6e/0xd8',
  'RIP: 0033:0x7ff3b9325829',
  'Code: 08 89 e8 5b 5d c3 66 2e 0f 1f 84 00 00 00 00 00 90 48 89 f8 48 89 f7 48 89 d6 48 89 ca 4d 89 c2 4d 89 c8 4c 8b 4c 24 08 0f 05 <48> 3d 01 f0 ff ff 73 01 c3 48 8b 0d a7 15 0d 00 f7 d8 64 89 01 48',
  'RSP: 002b:00007ffe6b90af48 EFLAGS: 00000246 ORIG_RAX: 0000000000000139',
  'RAX: ffffffffffffffda RBX: 0000557668c3f760 RCX: 00007ff3b9325829',
  'RDX: 0000000000000000 RSI: 000055765ce804a0 RDI: 0000000000000004',
  'RBP: 000055765ce804a0 R08: 0000000000000000 R09: 00007ff3b93ff2a0',
  'R10: 0000000000000004 R11: 0000000000000246 R12: 0000000000000000',
  'R13: 0000000000000000 R14: 0000557668c3f400 R15: 0000000000000000',
  ' </TASK>',
];

export interface DumpContext {
  cpu: number;
  pid: number;
  comm: string;
  tainted: number;
  release: string;
  /** uts version, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)" */
  version: string;
}

/** The user-space registers of insmod's finit_module() call, ending every trace from it. */
export const FINIT_MODULE_USER = INIT_MODULE_TRACE.slice(INIT_MODULE_TRACE.indexOf('RIP: 0033:0x7ff3b9325829'));

/** "#1" and Debian's package id ("Debian 6.1.192-2") from the uts version. */
export function versionTag(version: string): string {
  const first = version.split(' ')[0];
  const m = /Debian (\S+)/.exec(version);
  return m ? `${first}  Debian ${m[1]}` : first;
}

/** The header lines (each its own record), then the trace (records sharing one timestamp). */
export function initModuleDump(ctx: DumpContext): { header: string[]; trace: string[] } {
  const comm = ctx.comm.slice(0, 15);
  return {
    header: [
      `CPU: ${ctx.cpu} PID: ${ctx.pid} Comm: ${comm} ${printTainted(ctx.tainted)} ${ctx.release} ${versionTag(ctx.version)}`,
      `Hardware name: ${HARDWARE_NAME}`,
      'Call Trace:',
    ],
    trace: INIT_MODULE_TRACE,
  };
}
