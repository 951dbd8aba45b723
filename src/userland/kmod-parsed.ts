/**
 * Index files parsed once per text: every modprobe and modinfo reads modules.dep.bin,
 * modules.alias and modules.builtin*, which change only when depmod runs (or a student
 * edits one), so what a text parses to is kept and handed out again for the same text.
 * A few texts are kept per file (a class has one or two module trees: the shipped one and
 * one after depmod); a different text parses anew. What is handed out is shared: read only.
 */

/** Texts kept per file name. */
const TEXTS_PER_FILE = 4;

const kept = new Map<string, Array<{ text: string; value: unknown }>>();

/** PARSE(TEXT), the value kept for FILE's TEXT when it was parsed before. */
export function parsedOnce<T>(file: string, text: string, parse: (text: string) => T): T {
  let list = kept.get(file);
  if (!list) {
    list = [];
    kept.set(file, list);
  }
  const hit = list.find((k) => k.text === text);
  if (hit) return hit.value as T;
  const value = parse(text);
  list.unshift({ text, value });
  if (list.length > TEXTS_PER_FILE) list.pop();
  return value;
}
