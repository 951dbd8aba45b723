/**
 * Instructors' own exercises: every *.json file in the folder MODLAB_EXERCISES names,
 * read once at start-up (the edge does the I/O; src/teaching only parses text).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExerciseText {
  file: string;
  text: string;
}

export interface FolderRead {
  files: ExerciseText[];
  /** Files (or the folder) that could not be read, as "PATH: reason". */
  unreadable: string[];
}

export function readExerciseFolder(dir: string): FolderRead {
  const result: FolderRead = { files: [], unreadable: [] };
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    result.unreadable.push(`${dir}: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      result.files.push({ file: path, text: readFileSync(path, 'utf8') });
    } catch (error) {
      result.unreadable.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
