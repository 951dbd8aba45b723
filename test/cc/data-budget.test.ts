/**
 * What a module's data may cost (src/cc/limits.ts): a call that would make more values than
 * MAX_CELLS, or make them faster than its step budget allows, ends as a call that never
 * returns — quickly, and without its over-budget data reaching the conversation's document.
 * Each of these once took seconds to a minute, or saved megabytes.
 */
import { strict as assert } from 'node:assert';
import { MAX_CELLS } from '../../src/cc/limits';
import { build, initModule, LoadedCode } from './run-code';

/** A call's outcome kind and how long it took. */
function timed(m: LoadedCode, fn?: string): { kind: string; ms: number } {
  const t = Date.now();
  const outcome = fn ? m.call(fn) : m.init();
  return { kind: outcome.kind, ms: Date.now() - t };
}

/** The saved data's size, characters. */
const saved = (m: LoadedCode): number => JSON.stringify(m.memory.data ?? null).length;

describe('cc: the budget of a module\'s data', function () {
  this.timeout(30_000);

  it('a global of 16 million cells (an array of structs of arrays) is refused at once, not built', () => {
    const m = initModule('big.x[1].b[2] = 1; return 0;', 'struct a { char b[4096]; };\nstruct c { struct a x[4096]; };\nstatic struct c big;');
    const r = timed(m);
    assert.equal(r.kind, 'lockup');
    assert.ok(r.ms < 500, `${r.ms} ms`);
  });

  it('a local array declared in a loop costs steps: 100000 × char[4096] ends within the budget', () => {
    const m = initModule('int i; for (i = 0; i < 100000; i++) { char buf[4096]; buf[0] = i; } return 0;');
    const r = timed(m);
    assert.equal(r.kind, 'lockup');
    assert.ok(r.ms < 3000, `${r.ms} ms`);
  });

  it('a small local array in a loop still runs to the end (it is not a lockup)', () => {
    const m = initModule('int i, s = 0; for (i = 0; i < 1000; i++) { char buf[64]; buf[1] = i; s += buf[1]; } pr_info("%d\\n", s); return 0;');
    assert.deepEqual(m.init(), { kind: 'return', value: 0 });
    assert.deepEqual(m.texts(), [String([...Array(1000).keys()].reduce((a, i) => a + ((i << 24) >> 24), 0))]);
  });

  it('a kmalloc\'d struct whose member array would outgrow the budget is refused when first touched', () => {
    const m = initModule('p = kzalloc(sizeof(*p), GFP_KERNEL); if (!p) return -ENOMEM; p->x[1].b[2] = 1; return 0;', 'struct a { char b[4096]; };\nstruct c { int n; struct a x[1000]; };\nstatic struct c *p;');
    const r = timed(m);
    assert.equal(r.kind, 'lockup');
    assert.ok(r.ms < 500, `${r.ms} ms`);
    assert.ok(saved(m) < 100_000, `${saved(m)} characters saved`);
  });

  it('blocks filled element by element past the budget: the call ends, the document keeps the data from before it', () => {
    const m = initModule('int i, j; for (i = 0; i < 1000; i++) { b[i] = kmalloc(16384, GFP_KERNEL); if (!b[i]) return -ENOMEM; for (j = 0; j < 4096; j++) b[i][j] = j; } return 0;', 'static int *b[1000];');
    assert.equal(timed(m).kind, 'lockup');
    assert.ok(saved(m) < MAX_CELLS * 40, `${saved(m)} characters saved`);
  });

  it('data grown across calls past the budget: the call that crosses it never returns, the data stays as before', () => {
    const m = new LoadedCode(build('grow', `#include <linux/module.h>
#include <linux/slab.h>
static int *b[64];
static int n;
int grow(void)
{
\tint j;
\tb[n] = kmalloc(16384, GFP_KERNEL);
\tfor (j = 0; j < 4096; j++)
\t\tb[n][j] = j;
\tn++;
\treturn n;
}
static int __init g_init(void) { return 0; }
module_init(g_init);
MODULE_LICENSE("GPL");
`));
    assert.equal(m.init().kind, 'return');
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) kinds.push(m.call('grow').kind);
    assert.deepEqual(kinds.slice(0, 1), ['return']);
    assert.ok(kinds.includes('lockup'), kinds.join(','));
    assert.ok(saved(m) < MAX_CELLS * 40, `${saved(m)} characters saved`);
  });

  it('two blocks filled inside the step budget but past the cells budget: never returns, nothing of it saved', () => {
    const m = initModule('int j; a = kmalloc(16384, GFP_KERNEL); b = kmalloc(16384, GFP_KERNEL); if (!a || !b) return -ENOMEM; for (j = 0; j < 4096; j++) { a[j] = j; b[j] = j; } return 0;', 'static int *a, *b;');
    assert.equal(m.init().kind, 'lockup');
    assert.equal(m.memory.data, undefined);
  });

  it('a struct that contains itself (gcc refuses it) is made and sized without recursing for ever', () => {
    const m = initModule('g.a = 1; return 0;', 'struct s { int a; struct s x; };\nstatic struct s g;');
    assert.deepEqual(m.init(), { kind: 'return', value: 0 });
  });

  it('sizeof a struct nested in itself eight times over takes no time', () => {
    const m = initModule('pr_info("%zu\\n", sizeof(struct s)); return 0;', 'struct s { int n; struct s a, b, c, d, e, f, g, h; };');
    const r = timed(m);
    assert.equal(r.kind, 'return');
    assert.ok(r.ms < 500, `${r.ms} ms`);
  });

  it('sizeof of wide structs nested eight deep is worked out once per struct', () => {
    const decls = ['struct s0 { long x; };'];
    for (let i = 1; i <= 8; i++) decls.push(`struct s${i} { ${Array.from({ length: 10 }, (_x, k) => `struct s${i - 1} m${k};`).join(' ')} };`);
    const m = initModule('pr_info("%zu\\n", sizeof(struct s8)); return 0;', decls.join('\n'));
    const r = timed(m);
    assert.equal(r.kind, 'return');
    assert.ok(r.ms < 500, `${r.ms} ms`);
    assert.deepEqual(m.texts(), [String(8 * 10 ** 8)]);
  });
});
