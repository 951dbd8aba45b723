/**
 * The printk ring (kernel/printk/printk.c, printk_ringbuffer.c of 6.1). Debian builds with
 * CONFIG_LOG_BUF_SHIFT=17: a 128 KiB text data ring and 2^(17-5) = 4096 descriptors. Each
 * record's text takes its length plus the block id (8 bytes), aligned to 8 bytes; when a
 * new record does not fit, the oldest ones are dropped.
 * syslog(2) readers (dmesg) skip records below clear_seq, which SYSLOG_ACTION_CLEAR moves
 * to the next sequence number (dmesg -C, dmesg -c).
 */
import type { LogLevel } from './image';
import type { LogRecord, PrintkState } from './state';

export const LOG_BUF_LEN = 1 << 17;
export const LOG_DESC_COUNT = 1 << (17 - 5);

function blockSize(text: string): number {
  const len = Buffer.byteLength(text, 'utf8') + 8;
  return (len + 7) & ~7;
}

export function emptyPrintk(): PrintkState {
  return { nextSeq: 0, records: [], clearSeq: 0, used: 0 };
}

/** What the first COUNT records take of the text data ring. */
function ringBytes(records: readonly LogRecord[], count: number): number {
  let used = 0;
  for (let i = 0; i < count; i++) used += blockSize(records[i].text);
  return used;
}

/** Append a record (seq assigned here) and drop the oldest ones beyond the ring's size. */
export function logStore(ring: PrintkState, usec: number, level: LogLevel, facility: number, text: string, origin?: string): LogRecord {
  const rec: LogRecord = { seq: ring.nextSeq++, usec, level, facility, text };
  if (origin !== undefined) rec.origin = origin;
  ring.records.push(rec);
  let used = (ring.used ?? ringBytes(ring.records, ring.records.length - 1)) + blockSize(text);
  while (ring.records.length > 1 && (used > LOG_BUF_LEN || ring.records.length > LOG_DESC_COUNT)) {
    used -= blockSize(ring.records[0].text);
    ring.records.shift();
  }
  ring.used = used;
  return rec;
}

/** SYSLOG_ACTION_READ_ALL: what has not been cleared. */
export function syslogRead(ring: PrintkState): LogRecord[] {
  return ring.records.filter((r) => r.seq >= ring.clearSeq);
}

/** SYSLOG_ACTION_CLEAR */
export function syslogClear(ring: PrintkState): void {
  ring.clearSeq = ring.nextSeq;
}
