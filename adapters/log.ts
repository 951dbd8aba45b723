/** The bot's operational log: one JSON line per event, on stderr or appended to a file. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger, LogFields } from '../src/contracts/logger';

type Level = 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { info: 0, warn: 1, error: 2 };

function lineLogger(threshold: Level, put: (line: string) => void): Logger {
  const emit = (level: Level) => (message: string, fields?: LogFields): void => {
    if (ORDER[level] < ORDER[threshold]) return;
    put(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export function stderrLogger(threshold: Level = 'info'): Logger {
  return lineLogger(threshold, (line) => process.stderr.write(line));
}

/**
 * The interactive terminal chat's log: a log line on the terminal would land in the middle
 * of what someone is typing, so it goes to PATH (a line that cannot be written is dropped:
 * the log must never stop the chat).
 */
export function fileLogger(path: string, threshold: Level = 'info'): Logger {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch {
    // appendFileSync below fails quietly as well
  }
  return lineLogger(threshold, (line) => {
    try {
      appendFileSync(path, line);
    } catch {
      // dropped, see above
    }
  });
}
