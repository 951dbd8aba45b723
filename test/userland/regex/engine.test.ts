import { strict as assert } from 'node:assert';
import { compileRegex, DIALECTS, RegexSyntaxError, BacktrackBudgetExceeded, type Dialect } from '../../../src/userland/regex';

/** Every match as grep -o prints it: non-empty matches, left to right. */
function allMatches(pattern: string, text: string, dialect: Dialect, icase = false): string[] {
  const re = compileRegex(pattern, { dialect, icase });
  const out: string[] = [];
  for (let from = 0; from <= text.length; ) {
    const m = re.exec(text, from, false);
    if (m === null) break;
    if (m.end > m.start) out.push(text.slice(m.start, m.end));
    from = m.end > m.start ? m.end : m.end + 1;
  }
  return out;
}

function syntaxError(pattern: string, dialect: Dialect): string {
  try {
    compileRegex(pattern, { dialect });
  } catch (e) {
    if (e instanceof RegexSyntaxError) return e.message;
    throw e;
  }
  return 'compiled';
}

describe('regex engine: POSIX patterns in linear time', () => {
  describe('the issue 8 backtracking reproducers finish in milliseconds', () => {
    // compile the matcher's code paths first, so the timing is the search's, not the JIT's
    before(() => compileRegex('(a*)*b', { dialect: DIALECTS.grepExtended }).exec('a'.repeat(3000)));
    const cases: [string, string][] = [
      ['(a+)+$', 'a'.repeat(28) + '!'],
      ['(a|a)*$', 'a'.repeat(30) + '!'],
      ['(a*)*b', 'a'.repeat(5000)],
      ['(x+x+)+y', 'x'.repeat(5000)],
      ['(.*a){12}', 'a'.repeat(2000)],
    ];
    for (const [pattern, text] of cases) {
      it(`${pattern} on ${text.length} characters`, () => {
        const started = process.hrtime.bigint();
        const re = compileRegex(pattern, { dialect: DIALECTS.grepExtended });
        re.test(text);
        re.exec(text);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.ok(ms < 200, `${ms} ms`);
      });
    }
  });

  it('takes the leftmost match, then the longest one there (POSIX), as GNU grep -o does', () => {
    // recorded: echo abcd | grep -oE '(a|ab)(c|bcd)'  →  abcd
    assert.deepEqual(allMatches('(a|ab)(c|bcd)', 'abcd', DIALECTS.grepExtended), ['abcd']);
    assert.deepEqual(allMatches('a|ab', 'abab', DIALECTS.grepExtended), ['ab', 'ab']);
    assert.deepEqual(allMatches('x*', 'abc', DIALECTS.grepBasic), []);
    // echo 'abc*a{1}a' | grep -oE 'a|*b' → a b a a (the leading * applies to nothing)
    assert.deepEqual(allMatches('a|*b', 'abc*a{1}a', DIALECTS.grepExtended), ['a', 'b', 'a', 'a']);
  });

  it('gives the same answers when one compiled pattern runs over many texts, long and short', () => {
    const re = compileRegex('(l+)o', { dialect: DIALECTS.grepExtended });
    const texts = ['x'.repeat(300) + 'llo', 'lo', 'hello', 'o', 'lo', 'x'.repeat(50) + 'lllo'];
    assert.deepEqual(
      texts.map((t) => re.exec(t)?.groups),
      [[[300, 303], [300, 302]], [[0, 2], [0, 1]], [[2, 5], [2, 4]], undefined, [[0, 2], [0, 1]], [[50, 54], [50, 53]]],
    );
    const started = Date.now();
    const big = compileRegex('a{30000}', { dialect: DIALECTS.grepExtended });
    for (let i = 0; i < 2000; i++) big.test(`line ${i}`);
    assert.ok(Date.now() - started < 1000, 'a large pattern over many short lines');
  });

  it('reports groups of the chosen match', () => {
    const re = compileRegex('\\(a\\|ab\\)\\(c\\|bcd\\)', { dialect: DIALECTS.sedBasic });
    assert.deepEqual(re.exec('xabcd')?.groups, [[1, 5], [1, 2], [2, 5]]);
    const opt = compileRegex('(a)|b', { dialect: DIALECTS.posixExtended });
    assert.deepEqual(opt.exec('b')?.groups, [[0, 1], undefined]);
  });

  it('reads BRE as GNU does: \\+ \\? \\| \\{m,n\\} and a literal leading *', () => {
    assert.deepEqual(allMatches('ab\\+', 'abbb a', DIALECTS.grepBasic), ['abbb']);
    assert.deepEqual(allMatches('x\\?y', 'xy y', DIALECTS.grepBasic), ['xy', 'y']);
    assert.deepEqual(allMatches('a\\{2,3\\}', 'aaaaaaa', DIALECTS.grepBasic), ['aaa', 'aaa']);
    assert.deepEqual(allMatches('*a', 'b*a', DIALECTS.grepBasic), ['*a']);
    assert.deepEqual(allMatches('a+', 'aa a+', DIALECTS.grepBasic), ['a+']);
    assert.deepEqual(allMatches('a^b$c', 'a^b$c', DIALECTS.grepBasic), ['a^b$c']);
  });

  it('knows bracket expressions, classes and GNU escapes', () => {
    assert.deepEqual(allMatches('[[:digit:]]\\+', 'ab12c345', DIALECTS.grepBasic), ['12', '345']);
    assert.deepEqual(allMatches('[]a-]\\+', 'x]a-b', DIALECTS.grepBasic), [']a-']);
    assert.deepEqual(allMatches('[^[:alpha:] ]', 'a1 b_', DIALECTS.grepBasic), ['1', '_']);
    assert.deepEqual(allMatches('\\<h\\w*', 'hello thing hi', DIALECTS.grepBasic), ['hello', 'hi']);
    assert.deepEqual(allMatches('\\bx\\B.', 'xy x', DIALECTS.grepBasic), ['xy']);
    assert.deepEqual(allMatches('[[=e=]][[.-.]]', 'e-', DIALECTS.grepBasic), ['e-']);
  });

  it('folds case with icase, in back-references too', () => {
    assert.deepEqual(allMatches('hello', 'HeLLo', DIALECTS.grepBasic, true), ['HeLLo']);
    assert.deepEqual(allMatches('[a-c]\\+', 'xABCa', DIALECTS.grepBasic, true), ['ABCa']);
    assert.deepEqual(allMatches('\\(a\\)\\1', 'aA', DIALECTS.grepBasic, true), ['aA']);
  });

  it('matches back-references, longest first', () => {
    assert.deepEqual(allMatches('\\(a*\\)\\1', 'aaaa', DIALECTS.grepBasic), ['aaaa']);
    assert.deepEqual(allMatches('\\([a-z]\\)\\1', 'abccdeef', DIALECTS.grepBasic), ['cc', 'ee']);
    assert.deepEqual(allMatches('(.)(.).?\\2\\1', 'xabbay', DIALECTS.grepExtended), ['abba']);
  });

  it('stops a back-reference search that exceeds its step budget', () => {
    const re = compileRegex('\\(a*\\)*\\1c', { dialect: DIALECTS.grepBasic });
    const started = Date.now();
    assert.throws(() => re.test('a'.repeat(300) + 'bc'), BacktrackBudgetExceeded);
    assert.ok(Date.now() - started < 2000);
  });

  it('skips the back-reference search where the pattern read without them cannot match', () => {
    const re = compileRegex('\\(a*\\)*\\1b', { dialect: DIALECTS.grepBasic });
    assert.equal(re.test('a'.repeat(5000)), false);
  });

  it('refuses bad patterns with glibc\'s words', () => {
    const cases: [string, Dialect, string][] = [
      ['a(', DIALECTS.grepExtended, 'Unmatched ( or \\('],
      ['\\(a', DIALECTS.grepBasic, 'Unmatched ( or \\('],
      ['a\\)', DIALECTS.grepBasic, 'Unmatched ) or \\)'],
      ['a)', DIALECTS.sedExtended, 'Unmatched ) or \\)'],
      ['[a', DIALECTS.grepBasic, 'Unmatched [, [^, [:, [., or [='],
      ['[[:foo:]]', DIALECTS.grepBasic, 'Invalid character class name'],
      ['[z-a]', DIALECTS.grepBasic, 'Invalid range end'],
      ['a\\', DIALECTS.grepBasic, 'Trailing backslash'],
      ['\\1', DIALECTS.grepBasic, 'Invalid back reference'],
      ['(a)\\2', DIALECTS.grepExtended, 'Invalid back reference'],
      ['[:space:]', DIALECTS.grepBasic, 'character class syntax is [[:space:]], not [:space:]'],
      ['a{2,1}', DIALECTS.grepExtended, 'Invalid content of \\{\\}'],
      ['a\\{1', DIALECTS.grepBasic, 'Unmatched \\{'],
      ['a\\{x\\}', DIALECTS.grepBasic, 'Invalid content of \\{\\}'],
      ['a{32768}', DIALECTS.grepExtended, 'Regular expression too big'],
      ['[[.ab.]]', DIALECTS.grepBasic, 'Invalid collation character'],
      ['*a', DIALECTS.sedExtended, 'Invalid preceding regular expression'],
      ['a**', DIALECTS.sedBasic, 'Invalid preceding regular expression'],
      ['a{1', DIALECTS.sedExtended, 'Unmatched \\{'],
      ['(a{1000}){1000}', DIALECTS.grepExtended, 'Regular expression too big'],
    ];
    for (const [pattern, dialect, message] of cases) assert.equal(syntaxError(pattern, dialect), message, pattern);
  });

  it('accepts what grep -E accepts with a warning or as literals', () => {
    assert.deepEqual(compileRegex('*a', { dialect: DIALECTS.grepExtended }).warnings, ['* at start of expression']);
    assert.deepEqual(allMatches('a{1', 'a{1', DIALECTS.grepExtended), ['a{1']);
    assert.deepEqual(allMatches('a)', 'a)', DIALECTS.grepExtended), ['a)']);
    assert.equal(syntaxError('a{32767}', DIALECTS.grepExtended), 'compiled');
  });
});
