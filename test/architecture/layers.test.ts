/**
 * DESIGN.md's import rules as a test: every arrow points down, no circle, and only adapters/
 * talk to a chat platform or a terminal. The rules live in .dependency-cruiser.cjs; here
 * they run on the tree, and on small trees that break them on purpose, so a rule that
 * stopped matching would fail too.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const CRUISER = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: Array<{ name: string }>;
}

/** The violations of the rules in CWD's FOLDERS, as "rule: from → to". */
function cruise(cwd: string, folders: string[]): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CRUISER, '--config', CONFIG, '--output-type', 'json', ...folders], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
    if (!out) throw error;
  }
  const result = JSON.parse(out) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

/** A throwaway tree of FILES (path → text) to cruise. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modlab-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** One throwaway tree holding each kind of violation once, beside imports that are allowed. */
const BROKEN: Record<string, string> = {
  // The kernel importing the app: upward.
  'src/kernel/printk.ts': "import { handle } from '../app/bot';\nexport const log = handle;\n",
  'src/app/bot.ts': "import { log } from '../kernel/printk';\nexport const handle = 1;\nexport const again = log;\n",
  // The store naming the scope document, if only as a type: upward, and not generic.
  'src/store/index.ts': "import type { ScopeState } from '../scope/state';\nexport type Doc = ScopeState;\n",
  'src/scope/state.ts': "import type { Clock } from '../contracts/clock';\nexport interface ScopeState { schema: number; at: Clock }\n",
  'src/contracts/clock.ts': 'export type Clock = () => number;\n',
  // Two shell files importing each other.
  'src/shell/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'src/shell/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  // A terminal below adapters/ (allowed in adapters/).
  'commands/sh.ts': "import { createInterface } from 'node:readline';\nexport const rl = createInterface;\n",
  'adapters/console/index.ts': "import { createInterface } from 'node:readline';\nexport const rl = createInterface;\n",
};

describe('The import rules (DESIGN.md)', function () {
  this.timeout(60_000);
  let dir = '';
  let broken: string[] = [];
  before(() => {
    dir = tree(BROKEN);
    broken = cruise(dir, ['src', 'commands', 'adapters']);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hold for src/, commands/, adapters/ and exercises/: no upward import, no circle, no platform below adapters', () => {
    assert.deepEqual(cruise(ROOT, ['src', 'commands', 'adapters', 'exercises']), []);
  });

  it('find exactly the deliberate violations of a tree that breaks them', () => {
    assert.deepEqual(broken.sort(), [
      'kernel-imports-only-down: src/kernel/printk.ts → src/app/bot.ts',
      'no-circle: src/app/bot.ts → src/kernel/printk.ts',
      'no-circle: src/shell/a.ts → src/shell/b.ts',
      'no-platform-below-adapters: commands/sh.ts → readline',
      'store-imports-only-down: src/store/index.ts → src/scope/state.ts',
      'store-is-generic: src/store/index.ts → src/scope/state.ts',
    ]);
  });
});
