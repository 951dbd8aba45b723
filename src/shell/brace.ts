/**
 * Brace expansion, the first of bash's expansions (braces.c), on a word's text as written:
 * a preamble, the amble inside the first valid `{…}` (split at top-level commas, or a
 * sequence {X..Y[..INCR]} of integers or letters, zero-padded when an end is), then the
 * expansion of the postamble. Quotes, backslashes, ${…} and $(…) hide braces. A word with no
 * valid brace expression is left as it is.
 *
 * Bounded: a sequence longer than MAX_BRACE_ELEMENTS fails as bash's strvec_mcreate fails
 * under a memory limit ("brace expansion: failed to allocate memory for N elements", the
 * word stays as written, the command runs); a product of lists past it, or words past
 * MAX_BRACE_CHARS in all, end the shell as xmalloc does.
 */
import { MAX_BRACE_ELEMENTS, MAX_STRING } from './limits';
import { outOfMemory } from './memory';

/** Characters all the words of one brace expansion may hold. */
const MAX_BRACE_CHARS = 4 * MAX_STRING;

const INTMAX = 2n ** 63n - 1n;

function braceWhitespace(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n';
}

/** Index of the command substitution's closing ')' for `$(` at I (quotes and nesting skipped). */
function skipCommandSubst(text: string, i: number): number {
  let depth = 0;
  for (let j = i + 2; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === "'") {
      const q = text.indexOf("'", j + 1);
      if (q < 0) return text.length;
      j = q;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return text.length;
}

/**
 * brace_gobbler: from I, the index of SATISFY outside quotes and inner braces, or
 * text.length. For '}' a comma or `..` must have been seen at the top level.
 */
function gobble(text: string, from: number, satisfy: string): number {
  let level = 0;
  let quoted = '';
  let commas = satisfy === '}' ? 0 : 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && (quoted === '' || quoted === '"' || quoted === '`')) {
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === '{' && quoted !== "'") {
      // ${…} is treated like \{…}.
      i += 2;
      if (quoted === '') level++;
      continue;
    }
    if (quoted) {
      if (c === quoted) quoted = '';
      else if (quoted === '"' && c === '$' && text[i + 1] === '(') {
        i = skipCommandSubst(text, i) + 1;
        continue;
      }
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quoted = c;
      i++;
      continue;
    }
    if ((c === '$' || c === '<' || c === '>') && text[i + 1] === '(') {
      i = skipCommandSubst(text, i) + 1;
      continue;
    }
    if (c === satisfy && level === 0 && commas > 0) {
      // An open brace between blanks, or followed by a close brace, is not one.
      if (c === '{' && (i === 0 || braceWhitespace(text[i - 1])) && (braceWhitespace(text[i + 1]) || text[i + 1] === '}')) {
        i++;
        continue;
      }
      return i;
    }
    if (c === '{') level++;
    else if (c === '}' && level) level--;
    else if (satisfy === '}' && c === ',' && level === 0) commas++;
    else if (satisfy === '}' && text.startsWith('..', i) && text[i + 2] !== '}' && level === 0) commas++;
    i++;
  }
  return text.length;
}

export interface BraceResult {
  words: string[];
  /** internal_error messages bash printed while expanding (without "bash: line N: "). */
  errors: string[];
}

/** legal_number: optional blanks, sign, decimal digits, optional blanks; within intmax_t. */
function legalNumber(s: string): bigint | null {
  const m = /^[ \t\n]*([-+]?[0-9]+)[ \t\n]*$/.exec(s);
  if (!m) return null;
  const n = BigInt(m[1]);
  return n > INTMAX || n < -INTMAX - 1n ? null : n;
}

/** strtoimax from the start of S: the number and where it stopped, or null on overflow. */
function strtoimax(s: string): { n: bigint; end: number } | null {
  const m = /^[ \t\n]*[-+]?[0-9]*/.exec(s) as RegExpExecArray;
  const digits = m[0].trim();
  if (!/[0-9]/.test(digits)) return { n: 0n, end: 0 };
  const n = BigInt(digits);
  if (n > INTMAX || n < -INTMAX - 1n) return null;
  return { n, end: m[0].length };
}

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}

/** expand_seqterm and mkseq: the words of {X..Y[..INCR]}, or null when it is not a sequence. */
function sequence(text: string, errors: string[]): string[] | null {
  const at = text.indexOf('..');
  if (at < 0) return null;
  const lhs = text.slice(0, at);
  const rhs = text.slice(at + 2);
  if (lhs === '' || rhs === '') return null;
  const tl = legalNumber(lhs);
  let lhsType: 'int' | 'char' | 'bad' = tl !== null ? 'int' : isAlpha(lhs[0]) && lhs.length === 1 ? 'char' : 'bad';
  let rhsType: 'int' | 'char' | 'bad';
  let tr = 0n;
  let ep: number;
  if (/^[0-9]/.test(rhs) || (/^[+-]/.test(rhs) && /^[0-9]/.test(rhs.slice(1)))) {
    rhsType = 'int';
    const r = strtoimax(rhs);
    if (r === null) return null;
    tr = r.n;
    ep = r.end;
    if (ep < rhs.length && rhs[ep] !== '.') rhsType = 'bad';
  } else if (isAlpha(rhs[0]) && (rhs.length === 1 || rhs[1] === '.')) {
    rhsType = 'char';
    ep = 1;
  } else return null;
  let incr = 1n;
  let rhsLen = rhs.length;
  if (rhsType !== 'bad') {
    const oep = ep;
    if (rhs.startsWith('..', ep) && ep + 2 < rhs.length) {
      const r = strtoimax(rhs.slice(ep + 2));
      if (r === null) return null;
      incr = r.n;
      ep = ep + 2 + r.end;
    }
    if (ep < rhs.length) rhsType = 'bad';
    rhsLen -= ep - oep;
  }
  if (lhsType !== rhsType || lhsType === 'bad') return null;
  let start: bigint;
  let end: bigint;
  let width = 0;
  if (lhsType === 'char') {
    start = BigInt(lhs.charCodeAt(0));
    end = BigInt(rhs.charCodeAt(0));
  } else {
    start = tl as bigint;
    end = tr;
    const lhsL = lhs.length;
    if (lhsL > 1 && lhs[0] === '0') width = lhsL;
    if (lhsL > 2 && lhs[0] === '-' && lhs[1] === '0') width = lhsL;
    if (rhsLen > 1 && rhs[0] === '0' && width < rhsLen) width = rhsLen;
    if (rhsLen > 2 && rhs[0] === '-' && rhs[1] === '0' && width < rhsLen) width = rhsLen;
    if (width > 0) {
      lhsType = 'int';
      if (width < lhsL) width = lhsL;
      if (width < rhsLen) width = rhsLen;
    }
  }
  return makeSequence(start, end, incr, lhsType === 'char', width, errors);
}

function makeSequence(start: bigint, end: bigint, incrIn: bigint, chars: boolean, width: number, errors: string[]): string[] | null {
  let incr = incrIn === 0n ? 1n : incrIn;
  if (start > end && incr > 0n) incr = -incr;
  else if (start < end && incr < 0n) incr = -incr;
  const span = end > start ? end - start : start - end;
  if (span > INTMAX - 2n) return null;
  const step = incr < 0n ? -incr : incr;
  const count = span / step + 1n;
  if (count - 1n > 2n ** 31n - 1n - 3n) return null;
  if (count > BigInt(MAX_BRACE_ELEMENTS)) {
    errors.push(`brace expansion: failed to allocate memory for ${count} elements`);
    return null;
  }
  const out: string[] = [];
  for (let n = start; incr > 0n ? n <= end : n >= end; n += incr) {
    if (chars) out.push(String.fromCharCode(Number(n)));
    else if (width > 0) {
      // asprintf("%0*d", width, (int) n)
      const v = Number(BigInt.asIntN(32, n));
      out.push(v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0'));
    } else out.push(String(n));
  }
  return out;
}

/** array_concat: every word of A followed by every word of B, within the bounds. */
function concat(a: string[], b: string[]): string[] {
  if (a.length === 1 && a[0] === '') return b;
  if (b.length === 1 && b[0] === '') return a;
  if (a.length * b.length > MAX_BRACE_ELEMENTS) throw outOfMemory((1 + a.length * b.length) * 8);
  let chars = 0;
  for (const x of a) chars += x.length * b.length;
  for (const y of b) chars += y.length * a.length;
  if (chars > MAX_BRACE_CHARS) throw outOfMemory(chars + 1);
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

/** brace_expand's test for an unquoted comma in the amble: only a backslash hides one. */
function hasComma(amble: string): boolean {
  for (let j = 0; j < amble.length; j++) {
    if (amble[j] === '\\') j++;
    else if (amble[j] === ',') return true;
  }
  return false;
}

/** expand_amble: split at top-level commas, brace-expand each piece. */
function expandAmble(text: string, errors: string[]): string[] {
  let result: string[] | null = null;
  let start = 0;
  for (;;) {
    const i = gobble(text, start, ',');
    const partial = expand(text.slice(start, i), errors);
    if (result === null) result = partial;
    else {
      if (result.length + partial.length > MAX_BRACE_ELEMENTS) throw outOfMemory((result.length + partial.length + 1) * 8);
      result.push(...partial);
    }
    if (i >= text.length) break;
    start = i + 1;
  }
  return result ?? [''];
}

function expand(text: string, errors: string[]): string[] {
  // Find the first `{` that starts a valid brace expression.
  let i = 0;
  let open = -1;
  for (;;) {
    const c = gobble(text, i, '{');
    if (c >= text.length) break;
    const close = gobble(text, c + 1, '}');
    if (close < text.length) {
      open = c;
      break;
    }
    i = c + 1;
  }
  if (open < 0) return [text];
  const preamble = text.slice(0, open);
  const close = gobble(text, open + 1, '}');
  const amble = text.slice(open + 1, close);
  let tack: string[];
  if (!hasComma(amble)) {
    // No comma: a sequence, or (when that fails) the braces as they are.
    const seq = sequence(amble, errors);
    if (seq) tack = seq;
    else if (close + 1 < text.length) tack = [text.slice(open, close + 1)];
    else return [text];
  } else tack = expandAmble(amble, errors);
  let result = concat([preamble], tack);
  const postamble = text.slice(close + 1);
  if (postamble !== '') result = concat(result, expand(postamble, errors));
  return result;
}

/** The words brace expansion makes of TEXT (a word as written), and what bash complained of. */
export function braceExpand(text: string): BraceResult {
  const errors: string[] = [];
  const words = expand(text, errors);
  return { words, errors };
}

/** The word may hold a brace expression (an unquoted `{` somewhere): worth the full pass. */
export function mayBraceExpand(text: string): boolean {
  return text.includes('{') && text.includes('}');
}
