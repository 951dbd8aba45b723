/**
 * Members of a kmalloc'd struct that are arrays or structs themselves. A block's contents are
 * made on first use; a member array must then be there, zeroed, where a pointer to it (the
 * array decaying in strcpy(p->text, …)) finds it again — the withdrawn null-dereference
 * exercise's fixed module Oopsed at address 0 because p->text read as the integer 0.
 */
import { strict as assert } from 'node:assert';
import { build, initModule, LoadedCode } from './run-code';

const GLOBALS = 'struct pt { int x; int y; };\nstruct greeting { int times; char text[32]; struct pt at; int marks[4]; };';

function printed(body: string): string[] {
  const m = initModule(body, GLOBALS);
  const outcome = m.init();
  assert.deepEqual(outcome, { kind: 'return', value: 0 }, `${JSON.stringify(outcome)} ${m.texts().join('|')}`);
  return m.texts();
}

describe('cc: array and struct members of a kmalloc\'d struct', () => {
  const rows: ReadonlyArray<readonly [string, string, string]> = [
    ['strcpy into a kzalloc\'d struct\'s char array', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); if (!g) return -ENOMEM; strcpy(g->text, "Hello"); pr_info("%s %zu\\n", g->text, strlen(g->text)); kfree(g); return 0;', 'Hello 5'],
    ['strcpy into a kmalloc\'d struct\'s char array', 'struct greeting *g = kmalloc(sizeof(*g), GFP_KERNEL); if (!g) return -ENOMEM; g->times = 2; strcpy(g->text, "Hi"); pr_info("%s %d\\n", g->text, g->times); kfree(g); return 0;', 'Hi 2'],
    ['a kzalloc\'d struct\'s array member reads zero, then what was written', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); int a = g->marks[2]; g->marks[2] = 7; pr_info("%d %d %d\\n", a, g->marks[2], g->marks[1]); kfree(g); return 0;', '0 7 0'],
    ['a pointer into the member array writes the member', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); int *m = g->marks; m[1] = 5; *(m + 3) = 6; pr_info("%d %d\\n", g->marks[1], g->marks[3]); kfree(g); return 0;', '5 6'],
    ['snprintf into the member, sizeof of the member', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); snprintf(g->text, sizeof(g->text), "%s-%d", "n", 3); pr_info("%s %zu\\n", g->text, sizeof(g->text)); kfree(g); return 0;', 'n-3 32'],
    ['a struct member copied out whole reads its zeroes', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); struct pt p = g->at; p.x++; pr_info("%d %d %d\\n", p.x, p.y, g->at.x); kfree(g); return 0;', '1 0 0'],
    ['a nested struct member written through ->', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); g->at.y = 9; pr_info("%d\\n", g->at.y); kfree(g); return 0;', '9'],
    ['memset and memcpy on the member array', 'struct greeting *g = kzalloc(sizeof(*g), GFP_KERNEL); memset(g->text, \'a\', 3); memcpy(g->text + 3, "bc", 3); pr_info("%s\\n", g->text); kfree(g); return 0;', 'aaabc'],
  ];
  for (const [what, body, out] of rows) it(what, () => assert.deepEqual(printed(body), [out]));

  it('the null-dereference exercise\'s fixed module loads: a global struct pointer, kzalloc\'d, filled by another function', () => {
    const m = new LoadedCode(build('fixed', `#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

struct greeting {
\tint times;
\tchar text[32];
};

static struct greeting *greeting;

static void greet_prepare(void)
{
\tgreeting->times = 1;
\tstrcpy(greeting->text, "Hello, kernel");
}

static int __init greet_init(void)
{
\tgreeting = kzalloc(sizeof(*greeting), GFP_KERNEL);
\tif (!greeting)
\t\treturn -ENOMEM;
\tgreet_prepare();
\tpr_info("greet: %s (%d)\\n", greeting->text, greeting->times);
\tpr_info("greet: ready\\n");
\treturn 0;
}

static void __exit greet_exit(void)
{
\tkfree(greeting);
}

module_init(greet_init);
module_exit(greet_exit);
MODULE_LICENSE("GPL");
`));
    assert.deepEqual(m.init(), { kind: 'return', value: 0 });
    assert.deepEqual(m.texts(), ['greet: Hello, kernel (1)', 'greet: ready']);
    assert.deepEqual(m.call('greet_exit'), { kind: 'return', value: 0 });
    assert.equal(m.rec.allocated, 0);
  });

  it('still faults where the original writes through the NULL pointer (the Oops the exercise reads)', () => {
    const m = initModule('g->times = 1; strcpy(g->text, "x"); return 0;', `${GLOBALS}\nstatic struct greeting *g;`);
    assert.deepEqual(m.init(), { kind: 'oops', address: 0, write: true, at: { file: '/root/t.c', line: 8, function: 't_init' } });
  });

  it('faults at the member\'s offset for strcpy into a NULL struct\'s array (text at 4)', () => {
    const m = initModule('strcpy(g->text, "x"); return 0;', `${GLOBALS}\nstatic struct greeting *g;`);
    const outcome = m.init();
    assert.equal(outcome.kind, 'oops');
    assert.equal(outcome.kind === 'oops' ? outcome.address : -1, 4);
  });
});
