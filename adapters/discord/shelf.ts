/**
 * Whole outputs of cut replies, kept in memory for the "Whole output as a file" button,
 * keyed by a short random id that fits a custom_id. Bounded in entries and characters,
 * least recently used out first; after a restart an old button answers that the output is
 * gone (re-deriving it is impossible: the machine has moved on).
 */
import { randomBytes } from 'node:crypto';

export const SHELF_MAX_ENTRIES = 500;
export const SHELF_MAX_CHARS = 32 * 1024 * 1024;

export class OutputShelf {
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number = SHELF_MAX_ENTRIES,
    private readonly maxChars: number = SHELF_MAX_CHARS,
  ) {}

  /** Keeps `text`; returns its key (11 characters). */
  put(text: string): string {
    const key = randomBytes(8).toString('base64url');
    this.entries.set(key, text);
    this.chars += text.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      if (oldest === key) break;
      this.entries.delete(oldest);
      this.chars -= value.length;
    }
    return key;
  }

  get(key: string): string | undefined {
    const text = this.entries.get(key);
    if (text === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, text);
    return text;
  }

  get size(): number {
    return this.entries.size;
  }
}
