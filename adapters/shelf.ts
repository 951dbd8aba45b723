/**
 * Whole outputs of cut replies, kept in memory for the "whole output" button (Discord: as a
 * file in the interaction's answer; Slack: uploaded into the conversation), keyed by a short
 * random id that fits a Discord custom_id and a Slack button value. Bounded in entries and
 * characters, least recently used out first; after a restart an old button answers that the
 * output is gone (re-deriving it is impossible: the machine has moved on).
 */
import { randomBytes } from 'node:crypto';

export const SHELF_MAX_ENTRIES = 500;
export const SHELF_MAX_CHARS = 32 * 1024 * 1024;

export class OutputShelf<T> {
  private readonly entries = new Map<string, T>();
  private chars = 0;

  constructor(
    /** How many characters a kept value counts for. */
    private readonly measure: (value: T) => number,
    private readonly maxEntries: number = SHELF_MAX_ENTRIES,
    private readonly maxChars: number = SHELF_MAX_CHARS,
  ) {}

  /** Keeps VALUE; returns its key (11 characters). */
  put(value: T): string {
    const key = randomBytes(8).toString('base64url');
    this.entries.set(key, value);
    this.chars += this.measure(value);
    for (const [oldest, kept] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      if (oldest === key) break;
      this.entries.delete(oldest);
      this.chars -= this.measure(kept);
    }
    return key;
  }

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
