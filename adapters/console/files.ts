/**
 * The terminal cannot show a picture: a reply's files are saved under one folder, each
 * under a new name, and the console prints the path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReplyFile } from '../../src/contracts/reply';

let serial = 0;

/** Save FILES under DIR; the path of each, or '' when it could not be written. */
export function saveFiles(dir: string, files: readonly ReplyFile[]): string[] {
  if (files.length === 0) return [];
  return files.map((file) => {
    const safe = file.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'file';
    const dot = safe.lastIndexOf('.');
    const stamp = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++serial}`;
    const name = dot > 0 ? `${safe.slice(0, dot)}-${stamp}${safe.slice(dot)}` : `${safe}-${stamp}`;
    try {
      mkdirSync(dir, { recursive: true });
      const path = resolve(join(dir, name));
      writeFileSync(path, file.data);
      return path;
    } catch {
      return '';
    }
  });
}
