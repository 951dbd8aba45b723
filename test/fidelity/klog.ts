import type { LogRecord } from '../../src/kernel/state';

/** Kernel records as the oracle's `[dmesg]` lines show them: each line of a record with its timestamp. */
export function formatKlog(records: readonly LogRecord[]): string[] {
  const lines: string[] = [];
  for (const record of records) {
    const seconds = Math.floor(record.usec / 1_000_000);
    const micros = String(record.usec % 1_000_000).padStart(6, '0');
    const stamp = `[${String(seconds).padStart(5, ' ')}.${micros}]`;
    for (const line of record.text.split('\n')) lines.push(`${stamp} ${line}`);
  }
  return lines;
}
