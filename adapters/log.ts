/**
 * The bot's operational log. The bots and a piped console use pino: one JSON line per event
 * on stderr ({"level":"info","time":"…","pid":…,"message":"…", …fields}); MODLAB_LOG picks how
 * much: "quiet" (errors only), "info" (default: one line per invocation, warnings, errors) or
 * "debug" (more). The interactive terminal chat appends the same kind of line to a file instead.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import type { Logger, LogFields } from '../src/contracts/logger';

export type LogSetting = 'quiet' | 'info' | 'debug';

export interface OpsLogger extends Logger {
  debug(message: string, fields?: LogFields): void;
}

export function logSetting(value: string | undefined): LogSetting {
  if (value === undefined || value === '') return 'info';
  if (value === 'quiet' || value === 'info' || value === 'debug') return value;
  throw new Error(`MODLAB_LOG=${JSON.stringify(value)} is not a log setting; use quiet, info or debug`);
}

/** A logger writing to DESTINATION (default stderr, synchronously so lines survive a crash). */
export function jsonLogger(setting: LogSetting = 'info', destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true })): OpsLogger {
  const log = pino(
    {
      level: setting === 'quiet' ? 'error' : setting,
      messageKey: 'message',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}

/** A JSON logger on stderr ('error' threshold = quiet). */
export function stderrLogger(threshold: 'info' | 'warn' | 'error' = 'info'): OpsLogger {
  return jsonLogger(threshold === 'error' ? 'quiet' : 'info');
}

const ORDER: Record<keyof OpsLogger, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * The interactive terminal chat's log: a log line on the terminal would land in the middle
 * of what someone is typing, so it goes to PATH (a line that cannot be written is dropped:
 * the log must never stop the chat).
 */
export function fileLogger(path: string, setting: LogSetting = 'info'): OpsLogger {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch {
    // appendFileSync below fails quietly as well
  }
  const threshold = setting === 'quiet' ? ORDER.error : ORDER[setting];
  const emit = (level: keyof OpsLogger) => (message: string, fields?: LogFields): void => {
    if (ORDER[level] < threshold) return;
    try {
      appendFileSync(path, JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
    } catch {
      // dropped, see above
    }
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
