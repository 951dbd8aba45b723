/**
 * genksyms' CRC of an exported symbol (scripts/genksyms, what CONFIG_MODVERSIONS puts in
 * __crc_SYMBOL, Module.symvers and every importer's __versions): CRC-32 over the tokens of the
 * symbol's declaration, each followed by a space, parameter names dropped, every typedef
 * expanded to its definition the first time it appears in that declaration, every struct,
 * union or enum a module names written `struct NAME { UNKNOWN }` the first time.
 * `genksyms -D` of linux-headers-6.1.0-56-amd64 shows, e.g.
 *   Export mod_b_add == <int mod_b_add ( int , int ) >                      0x6b851ba5
 *   Export f_u32 == <typedef typedef unsigned int __u32 u32 f_u32 ( u32 ) >  0xca7cb935
 * A typedef of the headers not in TYPEDEFS, or a struct the headers define (struct file with
 * <linux/fs.h>), expands to more than this sees: its CRC is then not the real one.
 */
import type { Token } from '../../cc/lex';
import { tokenize } from '../../cc/lex';

/**
 * The headers' typedefs a module's declaration may use, as `genksyms -T` dumps them
 * (t#NAME refers to another typedef). Debian linux-headers-6.1.0-56-amd64.
 */
const TYPEDEFS: Readonly<Record<string, string>> = {
  __kernel_ulong_t: 'typedef unsigned long __kernel_ulong_t',
  __kernel_size_t: 'typedef t#__kernel_ulong_t __kernel_size_t',
  size_t: 'typedef t#__kernel_size_t size_t',
  __kernel_long_t: 'typedef long __kernel_long_t',
  __kernel_ssize_t: 'typedef t#__kernel_long_t __kernel_ssize_t',
  ssize_t: 'typedef t#__kernel_ssize_t ssize_t',
  __u8: 'typedef unsigned char __u8',
  u8: 'typedef t#__u8 u8',
  __u16: 'typedef unsigned short __u16',
  u16: 'typedef t#__u16 u16',
  __u32: 'typedef unsigned int __u32',
  u32: 'typedef t#__u32 u32',
  __u64: '__extension__ typedef unsigned long long __u64',
  u64: 'typedef t#__u64 u64',
  __s8: 'typedef __signed__ char __s8',
  s8: 'typedef t#__s8 s8',
  __s16: 'typedef __signed__ short __s16',
  s16: 'typedef t#__s16 s16',
  __s32: 'typedef __signed__ int __s32',
  s32: 'typedef t#__s32 s32',
  __s64: '__extension__ typedef __signed__ long long __s64',
  s64: 'typedef t#__s64 s64',
  uint8_t: 'typedef t#u8 uint8_t',
  uint16_t: 'typedef t#u16 uint16_t',
  uint32_t: 'typedef t#u32 uint32_t',
  uint64_t: 'typedef t#u64 uint64_t',
  int8_t: 'typedef t#s8 int8_t',
  int16_t: 'typedef t#s16 int16_t',
  int32_t: 'typedef t#s32 int32_t',
  int64_t: 'typedef t#s64 int64_t',
  __kernel_loff_t: 'typedef long long __kernel_loff_t',
  loff_t: 'typedef t#__kernel_loff_t loff_t',
  uintptr_t: 'typedef unsigned long uintptr_t',
  bool: 'typedef _Bool bool',
};

/** What genksyms' grammar drops from a declaration: storage classes, inline, kernel attributes. */
const DROPPED = new Set(['static', 'extern', 'inline', '__inline', '__inline__', 'register', 'auto', '__init', '__exit', '__used',
  '__maybe_unused', '__visible', 'noinline', '__always_inline', '__read_mostly', '__initdata', '__exitdata', '__cold', 'notrace']);
/** Words that make up a type: a parameter's last word among them is not its name. */
const TYPE_KEYWORDS = new Set(['void', 'char', 'short', 'int', 'long', 'unsigned', 'signed', '__signed__', '_Bool', 'float', 'double', 'const', 'volatile']);

/** The declaration of SYMBOL at file scope in SOURCE, as genksyms' token string; undefined if none. */
export function exportDeclaration(source: string, symbol: string): string[] | undefined {
  let tokens: Token[];
  try {
    tokens = withoutDirectives(tokenize(source)).filter((t) => t.kind !== 'eof');
  } catch {
    return undefined;
  }
  let start = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (t === '{' || t === '(' || t === '[') depth++;
    else if (t === '}' || t === ')' || t === ']') {
      depth--;
      if (depth === 0 && t === '}') start = i + 1;
    } else if (depth === 0 && t === ';') start = i + 1;
    if (depth === 0 && t === symbol && tokens[i].kind === 'ident') {
      const decl = declarationAt(tokens, start, i);
      if (decl) return decl;
    }
  }
  return undefined;
}

/** The tokens from START through the declarator NAME at AT (and its parameter list or array size). */
function declarationAt(tokens: Token[], start: number, at: number): string[] | undefined {
  const head = tokens.slice(start, at).map((t) => t.text);
  const words = withoutAttributes(head);
  // not a declaration: a name used in an initializer or a macro's arguments
  if (words.length === 0 || head.includes('=') || words.includes('(') || words.includes(')')) return undefined;
  const out = [...words, tokens[at].text];
  let i = at + 1;
  const next = tokens[i]?.text;
  if (next === '(') {
    const params: string[][] = [[]];
    let depth = 0;
    for (i++; i < tokens.length; i++) {
      const t = tokens[i].text;
      if (t === '(') depth++;
      if (t === ')' && depth-- === 0) break;
      if (t === ',' && depth === 0) params.push([]);
      else params[params.length - 1].push(t);
    }
    out.push('(', ...params.map(withoutName).flatMap((p, k) => (k > 0 ? [',', ...p] : p)), ')');
  } else {
    while (tokens[i]?.text === '[') {
      for (; i < tokens.length && tokens[i].text !== ']'; i++) out.push(tokens[i].text);
      out.push(']');
      i++;
    }
  }
  return out;
}

function withoutAttributes(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '__attribute__') {
      // skip __attribute__((...))
      let depth = 0;
      for (i++; i < words.length; i++) {
        if (words[i] === '(') depth++;
        if (words[i] === ')' && --depth === 0) break;
      }
      continue;
    }
    if (!DROPPED.has(words[i])) out.push(words[i]);
  }
  return out;
}

/** A parameter's words without its name: "const char * s" → "const char *". */
function withoutName(param: string[]): string[] {
  const words = withoutAttributes(param);
  const last = words[words.length - 1];
  const before = words[words.length - 2];
  const named = words.length >= 2 && last !== undefined && /^[A-Za-z_]\w*$/.test(last) && !TYPE_KEYWORDS.has(last)
    && before !== 'struct' && before !== 'union' && before !== 'enum';
  return named ? words.slice(0, -1) : words;
}

/** Typedefs expanded (the first time each), struct/union/enum tags given their UNKNOWN body. */
export function expandDeclaration(words: string[]): string[] {
  const visited = new Set<string>();
  const out: string[] = [];
  const typedef = (name: string): void => {
    if (visited.has(`t#${name}`)) {
      out.push(name);
      return;
    }
    visited.add(`t#${name}`);
    for (const w of TYPEDEFS[name].split(' ')) {
      if (w.startsWith('t#')) typedef(w.slice(2));
      else out.push(w);
    }
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === 'struct' || w === 'union' || w === 'enum') && words[i + 1] !== undefined && words[i + 2] !== '{') {
      const tag = `${w} ${words[i + 1]}`;
      out.push(w, words[i + 1]);
      if (!visited.has(tag)) out.push('{', 'UNKNOWN', '}');
      visited.add(tag);
      i++;
    } else if (Object.prototype.hasOwnProperty.call(TYPEDEFS, w)) typedef(w);
    else out.push(w);
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** genksyms' partial_crc32 over each word and a space, started at 0xffffffff, inverted at the end. */
export function genksymsCrc(words: string[]): number {
  let crc = 0xffffffff;
  for (const ch of Buffer.from(words.map((w) => `${w} `).join(''), 'latin1')) crc = CRC_TABLE[(crc ^ ch) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The CRC of SYMBOL declared in SOURCE, or undefined when no declaration is found. */
export function symbolCrcIn(source: string, symbol: string): number | undefined {
  const decl = exportDeclaration(source, symbol);
  return decl ? genksymsCrc(expandDeclaration(decl)) : undefined;
}

/** The tokens outside preprocessor directives: a `#` first on its line starts one, and it runs to the line's end. */
function withoutDirectives(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let inDirective = false;
  for (const t of tokens) {
    if (t.bol) inDirective = t.kind === 'punct' && t.text === '#';
    if (!inDirective) out.push(t);
  }
  return out;
}
