/**
 * The bot's operational log: pino, one JSON line per event on stderr
 * ({"level":"info","time":"…","pid":…,"message":"…", …fields}). MODLAB_LOG picks how much:
 * "quiet" (errors only), "info" (default: one line per invocation, warnings, errors) or
 * "debug" (more).
 */
import pino from 'pino';
import type { Logger, LogFields } from '../src/app/logger';

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

/** The former name: a JSON logger on stderr ('error' threshold = quiet). */
export function stderrLogger(threshold: 'info' | 'warn' | 'error' = 'info'): OpsLogger {
  return jsonLogger(threshold === 'error' ? 'quiet' : 'info');
}
