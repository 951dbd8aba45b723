/** The bot's operational log: one JSON line per event on stderr. */
import type { Logger, LogFields } from '../src/contracts/logger';

type Level = 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { info: 0, warn: 1, error: 2 };

export function stderrLogger(threshold: Level = 'info'): Logger {
  const emit = (level: Level) => (message: string, fields?: LogFields): void => {
    if (ORDER[level] < ORDER[threshold]) return;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
