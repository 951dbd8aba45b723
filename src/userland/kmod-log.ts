/**
 * kmod's tools/log.c for modinfo/modprobe/depmod: `<prog>: <PRIORITY>: <message>` on stderr,
 * dropped above the threshold (modprobe -v raises it, -q silences everything). libkmod's own
 * messages go through log_kmod(), which on Debian (kmod built with --enable-debug) also names
 * the source file, line and function: "modprobe: ERROR: ../libkmod/libkmod-module.c:856
 * kmod_module_remove_module() could not remove 'noexit': ...".
 */
import type { Io } from './tool';

export const LOG_EMERG = 0;
export const LOG_CRIT = 2;
export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_NOTICE = 5;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

function prioName(prio: number): string {
  switch (prio) {
    case LOG_CRIT: return 'FATAL';
    case LOG_ERR: return 'ERROR';
    case LOG_WARNING: return 'WARNING';
    case LOG_NOTICE: return 'NOTICE';
    case LOG_INFO: return 'INFO';
    case LOG_DEBUG: return 'DEBUG';
    default: return `LOG-${String(prio).padStart(3, '0')}`;
  }
}

export class KmodLog {
  /** log.c's log_priority: messages above it are dropped. */
  priority = LOG_WARNING;

  constructor(private readonly prog: string, private readonly io: Io) {}

  /** log_printf(); true when the message was printed. */
  printf(prio: number, message: string): boolean {
    if (prio > this.priority) return false;
    this.io.err(`${this.prog}: ${prioName(prio)}: ${message}`);
    return true;
  }

  err(message: string): void {
    this.printf(LOG_ERR, message);
  }

  /** A libkmod message (file:line function() prefix, see above). */
  lib(prio: number, where: string, message: string): void {
    this.printf(prio, `${where} ${message}`);
  }
}

/** program_invocation_short_name */
export function shortName(argv0: string | undefined, fallback: string): string {
  const name = argv0 ?? fallback;
  return name.slice(name.lastIndexOf('/') + 1) || fallback;
}

/** A libkmod log function: priority, "file:line", function name, message. */
export type LibkmodLogFn = (prio: number, fileLine: string, fn: string, message: string) => void;

const LOG_FILEP_NAMES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

/**
 * libkmod.c log_filep() (built with ENABLE_DEBUG): the context's logger until a tool installs
 * its own. kmod_new() parses /etc/modprobe.d before modprobe calls log_setup_kmod_log(), so a
 * bad config line reads "libkmod: ERROR ../libkmod/libkmod-config.c:712 kmod_config_parse:
 * /etc/modprobe.d/bad.conf line 1: ..." (12b-kmod-config). Priority LOG_ERR (no KMOD_LOG).
 */
export function libkmodDefaultLog(io: Io): LibkmodLogFn {
  return (prio, fileLine, fn, message) => {
    if (prio > LOG_ERR) return;
    io.err(`libkmod: ${LOG_FILEP_NAMES[prio] ?? `L:${prio}`} ${fileLine} ${fn}: ${message}`);
  };
}
