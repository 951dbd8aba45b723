/**
 * Test helpers: build a module from C (compile + link, as kbuild does) and call its
 * functions through the C runner with a recording ModuleApi — what the kernel would get.
 */
import { strict as assert } from 'node:assert';
import { compile, linkModule } from '../../src/cc/module-image';
import { cRunner } from '../../src/cc/runner';
import { VERMAGIC } from '../../src/modules/catalog';
import type { ModuleImage, LogLevel } from '../../src/kernel/image';
import type { CodeOutcome, Json, ModuleApi, SourceSpot } from '../../src/kernel/module-code';
import { defaultParams } from '../../src/kernel/params';

export function build(name: string, text: string, path = `/root/${name}.c`): ModuleImage {
  const r = compile({ path, text }, name);
  assert.equal(r.diagnostics, '');
  assert.ok(r.unit);
  return linkModule(name, [r.unit], text, { vermagic: VERMAGIC, sources: [{ path, text }] });
}

export interface Recorded {
  printk: Array<{ level: LogLevel | 'c' | 'dyndbg' | undefined; text: string }>;
  warns: SourceSpot[];
  sleptMs: number;
  allocated: number;
}

/** A module "loaded": its data and parameters kept between calls, what it did recorded. */
export class LoadedCode {
  readonly memory: { data?: Json } = {};
  readonly params;
  readonly rec: Recorded = { printk: [], warns: [], sleptMs: 0, allocated: 0 };
  constructor(readonly image: ModuleImage, readonly exports: Map<string, LoadedCode> = new Map()) {
    this.params = defaultParams(image.params);
  }

  api(): ModuleApi {
    const rec = this.rec;
    return {
      printk: (level, text) => void rec.printk.push({ level, text }),
      warn: (at) => void rec.warns.push(at),
      sleep: (ms) => void (rec.sleptMs += ms),
      allocate: (bytes) => {
        if (bytes > 4 << 20) return false;
        rec.allocated += bytes;
        return true;
      },
      free: (bytes) => void (rec.allocated -= bytes),
      param: (name) => this.params.values[name],
      paramCount: (name) => this.params.counts[name] ?? 0,
      setParam: (name, text) => {
        this.params.values[name] = text.replace(/\n$/, '');
        return 0;
      },
      callExport: (symbol, args) => {
        const owner = this.exports.get(symbol);
        return owner ? owner.call(symbol, args) : { kind: 'return', value: 0 };
      },
      readExport: (symbol) => {
        const owner = this.exports.get(symbol);
        return owner ? cRunner.read(owner.image, owner.memory, symbol) : undefined;
      },
      writeExport: (symbol, value) => {
        const owner = this.exports.get(symbol);
        if (owner) cRunner.write(owner.image, owner.memory, symbol, value);
      },
    };
  }

  call(fn: string, args: Json[] = []): CodeOutcome {
    return cRunner.call({ image: this.image, memory: this.memory, function: fn, args, api: this.api() });
  }

  init(): CodeOutcome {
    return this.call(this.image.code?.init ?? '');
  }

  /** The texts printed so far. */
  texts(): string[] {
    return this.rec.printk.map((p) => p.text.replace(/\n$/, ''));
  }
}

/** A module whose init has BODY (and GLOBALS above it). */
export function initModule(body: string, globals = ''): LoadedCode {
  return new LoadedCode(build('t', `#include <linux/module.h>\n#include <linux/slab.h>\n${globals}\nstatic int __init t_init(void)\n{\n${body}\n}\nmodule_init(t_init);\nMODULE_LICENSE("GPL");\n`));
}
