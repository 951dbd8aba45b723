/**
 * What modpost's srcversion sums of a source (scripts/mod/sumversion.c, parse_file): every
 * character but whitespace, backslash-newlines and comments in slash-star form, with string
 * literals whole. So an added comment or blank line keeps a module's srcversion (and its
 * NAME.mod.c, so kbuild does not recompile NAME.mod.o: 00c-kbuild-paths), an edited statement
 * changes it. A // comment counts, as it does for modpost.
 */
export function sumversionText(file: string): string {
  let out = '';
  const len = file.length;
  for (let i = 0; i < len; i++) {
    const c = file[i];
    if (c === '\\' && file[i + 1] === '\n') {
      i++;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '"') {
      // parse_string: up to the closing quote, a backslash escaping the next character
      let j = i + 1;
      while (j < len && file[j] !== '"') j += file[j] === '\\' ? 2 : 1;
      out += file.slice(i, Math.min(j + 1, len));
      i = j;
      continue;
    }
    if (c === '/' && file[i + 1] === '*') {
      const end = file.indexOf('*/', i + 2);
      i = end < 0 ? len : end + 1;
      continue;
    }
    out += c;
  }
  return out;
}
