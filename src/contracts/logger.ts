/**
 * The bot's own operational log (not the simulated kernel's). The app and adapters log
 * through this; the entry point decides where it goes (stderr as one JSON line per event).
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
