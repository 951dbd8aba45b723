/**
 * The work a built-in does for one call from the module — memset's bytes, a copied string,
 * a formatted line — costs steps (STEPS_PER_BYTE), so an endless loop of them ends within
 * the call's budget like any other; and vsnprintf's widths are clamped and their padding
 * counted, not made (a width of 2^31 once threw, 4096-byte memsets in a loop took 30 s).
 */
import { strict as assert } from 'node:assert';
import { format, formatCounted } from '../../src/cc/format';
import { initModule } from './run-code';

/** CPU milliseconds F takes (wall time means little on a shared machine). */
function cpuMs(f: () => void): number {
  const before = process.cpuUsage();
  f();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('cc: the work of built-ins counts against the call\'s budget', function () {
  this.timeout(30_000);
  const endless: ReadonlyArray<readonly [string, string]> = [
    ['memset of 4096 bytes', 'memset(gbuf, \'a\', 4096);'],
    ['memcpy of 4096 bytes', 'memcpy(gbuf, gbuf + 1, 4095);'],
    ['sprintf of a short line', 'sprintf(gbuf, "%x %o %c\\n", i--, "Hello, kernel");'],
    ['strcpy of a long string', 'strcpy(gbuf, "a much longer string than most, written again and again and again");'],
    ['strlen of a 4095-byte string', 'i += strlen(gbuf);'],
    ['printk of %s of 4095 bytes, four times', 'pr_info("%s%s%s%s\\n", gbuf, gbuf, gbuf, gbuf);'],
    ['snprintf with a width of 8 million', 'snprintf(gbuf, 16, "%*d", 8388607, i);'],
  ];
  for (const [what, body] of endless) {
    it(`an endless loop of ${what} is a lockup within the budget`, () => {
      const m = initModule(`int i = 0;\ni = i + 1;\nmemset(gbuf, 'b', 4095);\nwhile (1) {\n${body}\n}\nreturn 0;`, 'static char gbuf[4096];');
      let kind = '';
      const ms = cpuMs(() => (kind = m.init().kind));
      assert.equal(kind, 'lockup');
      assert.ok(ms < 1500, `${ms.toFixed(0)} ms of CPU`);
    });
  }

  it('a module that fills a 4 KB buffer a few times still runs to the end', () => {
    const m = initModule('int k; for (k = 0; k < 8; k++) memset(gbuf, \'a\' + k, sizeof(gbuf) - 1); pr_info("%c %zu\\n", gbuf[0], strlen(gbuf)); return 0;', 'static char gbuf[4096];');
    assert.deepEqual(m.init(), { kind: 'return', value: 0 });
    assert.deepEqual(m.texts(), ['h 4095']);
  });
});

describe('cc: vsnprintf bounds (lib/vsprintf.c)', () => {
  it('snprintf returns the length the whole would have, writes what fits', () => {
    const m = initModule('char b[16]; int n = snprintf(b, sizeof(b), "%*d", 100000, 7); pr_info("%d %zu [%c]\\n", n, strlen(b), b[14]); return 0;');
    assert.deepEqual(m.init(), { kind: 'return', value: 0 });
    assert.deepEqual(m.texts(), ['100000 15 [ ]']);
  });

  it('a width past FIELD_WIDTH_MAX is clamped to 8388607, and no 2 GB string is made', () => {
    const r = formatCounted('%*d|', [2147483647, 1], () => undefined, 10);
    assert.deepEqual(r, { text: '          ', length: 8388607 + 1 });
  });

  it('a negative * width left-justifies; a negative * precision counts as 0', () => {
    assert.equal(format('[%*d]', [-4, 7]), '[7   ]');
    assert.equal(format('[%.*s]', [-3, 'abc']), '[]');
  });

  it('zero padding and a sign are cut at the buffer, in order', () => {
    assert.deepEqual(formatCounted('%08d', [-42], () => undefined, 5), { text: '-0000', length: 8 });
    assert.equal(format('%08d|%-6s|%6s', [-42, 'ab', 'cd']), '-0000042|ab    |    cd');
  });
});
