/**
 * Labels and goto (issue 10: "all statements including switch and goto"): the kernel's
 * cleanup idiom, backward jumps, jumps out of loops and into blocks, and gcc 12's label
 * diagnostics, byte for byte as `gcc -Wall -fsyntax-only` printed them for the same files.
 */
import { strict as assert } from 'node:assert';
import { compile } from '../../src/cc/module-image';
import { build, LoadedCode } from './run-code';

const diagnostics = (text: string): string => compile({ path: '/root/m/m.c', text }, 'm').diagnostics;

/** What init printed (one line a printk) and returned. */
function runInit(body: string): { printed: string[]; outcome: unknown } {
  const text = `#include <linux/module.h>\n${body}\nmodule_init(m_init);\nMODULE_LICENSE("GPL");\n`;
  const loaded = new LoadedCode(build('m', text, '/root/m/m.c'));
  const outcome = loaded.init();
  return { printed: loaded.rec.printk.map((p) => p.text.replace(/\n$/, '')), outcome };
}

describe('cc: goto and labels', () => {
  it('jumps forward to the cleanup labels, undoing in reverse order (the kernel idiom)', () => {
    const r = runInit(`static int step(int n) { return n != 2; }
static int __init m_init(void)
{
	int err = -12;
	if (!step(1))
		goto out;
	pr_info("got 1\\n");
	if (!step(2))
		goto undo_1;
	pr_info("got 2\\n");
	return 0;
undo_1:
	pr_info("undo 1\\n");
out:
	return err;
}`);
    assert.deepEqual(r, { printed: ['got 1', 'undo 1'], outcome: { kind: 'return', value: -12 } });
  });

  it('jumps backward, and out of nested loops', () => {
    const r = runInit(`static int __init m_init(void)
{
	int i = 0, j, k;
again:
	i++;
	if (i < 3)
		goto again;
	for (j = 0; j < 10; j++)
		for (k = 0; k < 10; k++)
			if (j * k == 6)
				goto found;
	return -1;
found:
	pr_info("%d %d %d\\n", i, j, k);
	return 0;
}`);
    assert.deepEqual(r, { printed: ['3 1 6'], outcome: { kind: 'return', value: 0 } });
  });

  it('jumps into a block and into a loop body, past a declaration', () => {
    const r = runInit(`static int __init m_init(void)
{
	int n = 0;
	goto inside;
	if (n) {
		int skipped = 5;
inside:
		skipped = 7;
		pr_info("in %d\\n", skipped);
	}
	goto body;
	while (n < 3) {
		pr_info("loop\\n");
body:
		n++;
	}
	pr_info("n=%d\\n", n);
	return 0;
}`);
    assert.deepEqual(r.printed, ['in 7', 'loop', 'loop', 'n=3'], "the first pass skips the test and the body before the label");
  });

  it('is stopped by the step budget when it loops for ever', () => {
    const r = runInit(`static int __init m_init(void)
{
spin:
	goto spin;
	return 0;
}`);
    assert.notEqual((r.outcome as { kind: string }).kind, 'return');
  });

  it('reports unused labels and variables when the function ends, newest first, as gcc 12', () => {
    assert.equal(diagnostics("int m_init(void)\n{\n\tint x;\n\tint y;\n\tgoto b;\na1:\n\t{ int z; }\nb:\n\treturn 0;\na2:\n\treturn 1;\n}\n"), "/root/m/m.c: In function \u2018m_init\u2019:\n/root/m/m.c:7:15: warning: unused variable \u2018z\u2019 [-Wunused-variable]\n    7 |         { int z; }\n      |               ^\n/root/m/m.c:10:1: warning: label \u2018a2\u2019 defined but not used [-Wunused-label]\n   10 | a2:\n      | ^~\n/root/m/m.c:6:1: warning: label \u2018a1\u2019 defined but not used [-Wunused-label]\n    6 | a1:\n      | ^~\n/root/m/m.c:4:13: warning: unused variable \u2018y\u2019 [-Wunused-variable]\n    4 |         int y;\n      |             ^\n/root/m/m.c:3:13: warning: unused variable \u2018x\u2019 [-Wunused-variable]\n    3 |         int x;\n      |             ^\n");
  });

  it('reports a label used but not defined', () => {
    assert.equal(diagnostics("int m_init(void)\n{\n\tgoto out;\n\treturn 0;\n}\n"), "/root/m/m.c: In function \u2018m_init\u2019:\n/root/m/m.c:3:9: error: label \u2018out\u2019 used but not defined\n    3 |         goto out;\n      |         ^~~~\n");
  });

  it('reports a duplicate label with a note at the first one', () => {
    assert.equal(diagnostics("int m_init(void)\n{\ndup:\n\treturn 0;\ndup:\n\tgoto dup;\n}\n"), "/root/m/m.c: In function \u2018m_init\u2019:\n/root/m/m.c:5:1: error: duplicate label \u2018dup\u2019\n    5 | dup:\n      | ^~~\n/root/m/m.c:3:1: note: previous definition of \u2018dup\u2019 with type \u2018void\u2019\n    3 | dup:\n      | ^~~\n");
  });

  it("says what gcc says of `goto 5;`", () => {
    assert.equal(
      diagnostics('int m_init(void)\n{\n\tgoto 5;\n}\n').split('\n').slice(0, 2).join('\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:3:14: error: expected identifier or ‘*’ before numeric constant",
    );
  });
});
