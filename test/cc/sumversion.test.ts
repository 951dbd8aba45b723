/**
 * What modpost's srcversion sums (scripts/mod/sumversion.c parse_file): whitespace,
 * backslash-newlines and slash-star comments do not count, string literals count whole
 * (a "/*" inside one opens no comment), a // comment counts. 00c-kbuild-paths shows the
 * effect: a comment added to hello.c leaves hello.mod.c, so hello.mod.o is not recompiled.
 */
import { strict as assert } from 'node:assert';
import { sumversionText } from '../../src/cc/sumversion';

describe("modpost's srcversion input", () => {
  it('drops whitespace, backslash-newlines and /* */ comments', () => {
    assert.equal(sumversionText('int  a = 1;\n/* note */\n\tint b;\\\n'), 'inta=1;intb;');
    assert.equal(sumversionText('a/* one\n two */b'), 'ab');
  });

  it('keeps strings whole, spaces and comment marks inside them included', () => {
    assert.equal(sumversionText('pr_info("a /* b */ c\\n");'), 'pr_info("a /* b */ c\\n");');
    assert.equal(sumversionText('s = "x\\"y z";'), 's="x\\"y z";');
  });

  it('counts a // comment, as modpost does', () => {
    assert.equal(sumversionText('a; // note\nb;'), 'a;//noteb;');
  });

  it('ends where the text ends: an open comment or string does not run away', () => {
    assert.equal(sumversionText('a /* open'), 'a');
    assert.equal(sumversionText('a "open'), 'a"open');
    assert.equal(sumversionText('x\\'), 'x\\');
    assert.equal(sumversionText(''), '');
  });
});
