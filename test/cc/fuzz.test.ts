/**
 * Fuzzing the C front end and the interpreter: the oracle's student modules (and the
 * teaching modules) mutated at random — characters inserted, lines deleted, lines swapped
 * — compiled, linked and, when they compile, their init and exit run through the runner.
 * Nothing may throw, and every call ends within its budget. A fixed seed in `npm test`;
 * CC_FUZZ_RUNS and CC_FUZZ_SEED for a longer run.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, linkModule } from '../../src/cc/module-image';
import { VERMAGIC } from '../../src/modules/catalog';
import { teachingSources } from '../../src/modules/teaching-sources';
import { LoadedCode } from './run-code';
import { mutate } from '../hostile/c-programs';

const RUNS = Number(process.env.CC_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.CC_FUZZ_SEED ?? 20261204);
const STUDENT = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'modules', 'student');

function sources(): string[] {
  const out = teachingSources.filter(([p]) => p.endsWith('.c')).map(([, t]) => t);
  for (const dir of readdirSync(STUDENT)) {
    const d = join(STUDENT, dir);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d)) if (f.endsWith('.c')) out.push(readFileSync(join(d, f), 'latin1'));
  }
  return out;
}

const SNIPPETS = ['{', '}', '(', ')', ';', '*', '&', '->', '.', '[0]', '[-1]', 'NULL', '0', '-1', '2147483647', '"%s%d%p"', "'\\0'", 'while (1)', 'return', 'kfree(', 'kmalloc(64, GFP_KERNEL)', 'BUG();', 'WARN_ON(1);', '/', '%', '<<', '++', '--', 'sizeof', 'struct thing', '\n', '#define X(a) a a\n'];

describe('cc: fuzzing mutated module sources (compile, link, init, exit)', function () {
  this.timeout(RUNS > 400 ? 0 : 120_000);
  it(`${RUNS} mutants: no crash, every call inside its budget`, () => {
    let seed = SEED;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % Math.max(n, 1));
    const all = sources();
    let ran = 0;
    for (let i = 0; i < RUNS; i++) {
      const text = mutate({ int: rand }, all[rand(all.length)] ?? '', SNIPPETS);
      const r = compile({ path: '/f/f.c', text }, 'f');
      if (!r.ok || !r.unit) continue;
      const image = linkModule('f', [r.unit], text, { vermagic: VERMAGIC, sources: [{ path: '/f/f.c', text }] });
      const loaded = new LoadedCode(image);
      const started = Date.now();
      if (image.code?.init) loaded.init();
      if (image.code?.exit) loaded.call(image.code.exit);
      ran++;
      assert.ok(Date.now() - started < 5000, `mutant ${i} ran ${Date.now() - started} ms:\n${text}`);
      assert.ok(JSON.stringify(loaded.memory.data ?? null).length < 1_000_000);
    }
    assert.ok(ran > RUNS / 10, `only ${ran} mutants compiled`);
  });
});
