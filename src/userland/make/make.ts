/**
 * make(1), GNU Make 4.3 as Debian 12 ships it, for module Makefiles: -C DIR, -f FILE, -s,
 * -k is accepted, VAR=value on the command line, targets (else the first rule's). A
 * directory that is the kernel headers package runs kbuild (kbuild.ts). Recipes run as
 * make runs them, echoed first unless `@`; `make`/`$(MAKE)` in a recipe is a sub-make one
 * level down (`make[1]: Entering directory …`). Messages use make's own words (main.c,
 * remake.c, job.c): `make: *** No rule to make target 'x'.  Stop.`, `make: *** [Makefile:8:
 * all] Error 2`, `make: Nothing to be done for 'all'.`
 */
import type { Io, System, Tool } from '../tool';
import { Makefile, MakeError, words } from './makefile';
import { isKernelTree, runKbuild } from './kbuild';
import { makeName, normalize, realDir, type MakeInvocation } from './invocation';
export { makeName, normalize, realDir, type MakeInvocation };

const VERSION = `GNU Make 4.3
Built for x86_64-pc-linux-gnu
Copyright (C) 1988-2020 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

/** Sub-makes deeper than this stop, as a runaway recursion would exhaust processes. */
const MAX_MAKELEVEL = 8;

export function main(argv: string[], io: Io, sys: System): number {
  const level = Number(sys.env.MAKELEVEL ?? '0') || 0;
  return make(argv, io, sys, { level, overrides: new Map() });
}

/** One make process: its options, its directory, its makefile and goals. */
export function make(argv: string[], io: Io, sys: System, inv: MakeInvocation): number {
  const me = makeName(inv.level);
  const dirs: string[] = [];
  const goals: string[] = [];
  let file: string | undefined;
  let silent = inv.silent === true;
  let printDirectoryFlag = inv.printDirectory;
  const overrides = new Map(inv.overrides);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version' || a === '-v') {
      io.out(VERSION);
      return 0;
    }
    if (a === '-C' || a === '--directory') {
      const d = argv[++i];
      if (d === undefined) {
        io.err(`${me}: option requires an argument -- 'C'\n`);
        return 2;
      }
      dirs.push(d);
    } else if (a.startsWith('-C')) dirs.push(a.slice(2));
    else if (a.startsWith('--directory=')) dirs.push(a.slice('--directory='.length));
    else if (a === '-f' || a === '--file' || a === '--makefile') file = argv[++i];
    else if (a === '-s' || a === '--silent' || a === '--quiet') silent = true;
    else if (a === '--print-directory') printDirectoryFlag = true;
    else if (a === '--no-print-directory') printDirectoryFlag = false;
    else if (a === '-j' || a === '-l') {
      if (/^\d+$/.test(argv[i + 1] ?? '')) i++;
    } else if (/^-[jklwsBiRre]+\d*$/.test(a)) {
      // a cluster of flags (-sw, -j4): -s and -w count, the others have no effect here
      if (a.includes('s')) silent = true;
      if (a.includes('w')) printDirectoryFlag = true;
    } else if (/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(a)) {
      const eq = a.indexOf('=');
      overrides.set(a.slice(0, eq), a.slice(eq + 1));
    } else if (a.startsWith('-')) {
      io.err(`${me}: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\n`);
      return 2;
    } else goals.push(a);
  }
  if (inv.level > MAX_MAKELEVEL) {
    io.err(`${me}: *** Recursive make exceeded its limit.  Stop.\n`);
    return 2;
  }
  const startDir = sys.cwd;
  let dir = sys.cwd;
  for (const d of dirs) {
    const target = sys.resolve(d.startsWith('/') ? d : `${dir}/${d}`);
    const st = sys.fs.stat(realDir(sys, target));
    if (typeof st === 'number' || st.type !== 'dir') {
      io.err(`${me}: *** ${d}: ${typeof st === 'number' ? 'No such file or directory' : 'Not a directory'}.  Stop.\n`);
      return 2;
    }
    dir = realDir(sys, target);
  }
  // main.c should_print_dir(): -w or --no-print-directory decide; else on with -C and in
  // every sub-make, unless -s (both recorded on Debian 12's make 4.3)
  const printDirectory = printDirectoryFlag ?? (!silent && (dirs.length > 0 || inv.level > 0));
  if (printDirectory) io.out(`${me}: Entering directory '${dir}'\n`);
  sys.cwd = dir;
  let status: number;
  try {
    const sub: MakeInvocation = { level: inv.level, overrides, silent };
    if (printDirectoryFlag !== undefined) sub.printDirectory = printDirectoryFlag;
    status = isKernelTree(dir) ? runKbuild(goals, io, sys, sub) : runMakefile(file, goals, io, sys, sub, silent);
  } finally {
    sys.cwd = startDir;
  }
  if (printDirectory) io.out(`${me}: Leaving directory '${dir}'\n`);
  return status;
}

function runMakefile(file: string | undefined, goals: string[], io: Io, sys: System, inv: MakeInvocation, silent: boolean): number {
  const me = makeName(inv.level);
  const names = file !== undefined ? [file] : ['GNUmakefile', 'makefile', 'Makefile'];
  let name: string | undefined;
  let text: string | undefined;
  for (const n of names) {
    const content = sys.fs.read(sys.resolve(n));
    if (typeof content === 'string') {
      name = n;
      text = content;
      break;
    }
  }
  if (file !== undefined && text === undefined) {
    io.err(`${me}: ${file}: No such file or directory\n${me}: *** No rule to make target '${file}'.  Stop.\n`);
    return 2;
  }
  const mk = new Makefile((command) => shellOutput(command, sys));
  mk.define('MAKE', 'make', 'default');
  mk.define('CURDIR', sys.cwd, 'automatic');
  mk.define('MAKELEVEL', String(inv.level), 'environment');
  for (const [k, v] of Object.entries(sys.env)) if (!mk.has(k)) mk.define(k, v, 'environment');
  for (const [k, v] of inv.overrides) mk.define(k, v, 'command line');
  if (text !== undefined && name !== undefined) {
    try {
      mk.read(text, name);
    } catch (e) {
      if (e instanceof MakeError) {
        io.err(e.text.startsWith('*') ? `${me}: ${e.text}` : e.text);
        return 2;
      }
      throw e;
    }
  }
  const targets = goals.length > 0 ? goals : mk.defaultGoal !== undefined ? [mk.defaultGoal] : [];
  if (targets.length === 0) {
    io.err(text === undefined ? `${me}: *** No targets specified and no makefile found.  Stop.\n` : `${me}: *** No targets.  Stop.\n`);
    return 2;
  }
  const runner = new RuleRunner(mk, name ?? 'Makefile', io, sys, inv, silent);
  for (const t of targets) {
    const status = runner.build(t, undefined, true);
    if (status !== 0) return status;
  }
  return 0;
}

/** Carries out the rules of one makefile: prerequisites first, then the recipe. */
class RuleRunner {
  private readonly done = new Set<string>();
  constructor(
    private readonly mk: Makefile,
    private readonly fileName: string,
    private readonly io: Io,
    private readonly sys: System,
    private readonly inv: MakeInvocation,
    private readonly silent: boolean,
  ) {}

  private get me(): string {
    return makeName(this.inv.level);
  }

  private mtime(target: string): number | undefined {
    const st = this.sys.fs.stat(this.sys.resolve(target));
    return typeof st === 'number' ? undefined : st.mtime;
  }

  /** 0, or make's status 2 after an error. `ran` tells the goal whether anything happened. */
  build(target: string, neededBy: string | undefined, goal: boolean): number {
    if (this.done.has(target)) return 0;
    this.done.add(target);
    const rule = this.mk.ruleFor(target);
    const exists = this.mtime(target) !== undefined;
    if (!rule) {
      if (exists) {
        if (goal) this.io.out(`${this.me}: '${target}' is up to date.\n`);
        return 0;
      }
      this.io.err(neededBy === undefined ? `${this.me}: *** No rule to make target '${target}'.  Stop.\n` : `${this.me}: *** No rule to make target '${target}', needed by '${neededBy}'.  Stop.\n`);
      return 2;
    }
    for (const p of rule.prereqs) {
      const status = this.build(p, target, false);
      if (status !== 0) return status;
    }
    const own = this.mtime(target);
    const stale = own === undefined || rule.prereqs.some((p) => (this.mtime(p) ?? Infinity) > own);
    if (!stale || rule.recipe.length === 0) {
      if (goal) this.io.out(rule.recipe.length === 0 && own === undefined ? `${this.me}: Nothing to be done for '${target}'.\n` : `${this.me}: '${target}' is up to date.\n`);
      return 0;
    }
    this.mk.define('@', target, 'automatic');
    this.mk.define('<', rule.prereqs[0] ?? '', 'automatic');
    this.mk.define('^', [...new Set(rule.prereqs)].join(' '), 'automatic');
    for (const step of rule.recipe) {
      let line: string;
      try {
        line = this.mk.expand(step.text);
      } catch (e) {
        if (e instanceof MakeError) {
          this.io.err(e.text.startsWith('*') ? `${this.fileName}:${step.line}: ${e.text}` : e.text);
          return 2;
        }
        throw e;
      }
      let quiet = this.silent;
      let ignore = false;
      for (;;) {
        if (line.startsWith('@')) quiet = true;
        else if (line.startsWith('-')) ignore = true;
        else if (!line.startsWith('+')) break;
        line = line.slice(1);
      }
      line = line.replace(/^[ \t]+/, '');
      if (line === '') continue;
      if (!quiet) this.io.out(line + '\n');
      const status = this.runCommand(line);
      if (status !== 0) {
        if (ignore) {
          this.io.err(`${this.me}: [${this.fileName}:${step.line}: ${target}] Error ${status} (ignored)\n`);
          continue;
        }
        this.io.err(`${this.me}: *** [${this.fileName}:${step.line}: ${target}] Error ${status}\n`);
        return 2;
      }
    }
    return 0;
  }

  /**
   * One recipe line. make hands it to /bin/sh -c; here a simple command (or several joined by
   * && or ;) runs directly, and make itself is a sub-make in this process.
   */
  private runCommand(line: string): number {
    let status = 0;
    for (const part of splitCommands(line)) {
      if (part.op === '&&' && status !== 0) continue;
      if (part.op === '||' && status === 0) continue;
      const argv = shellWords(part.text);
      if (argv.length === 0) continue;
      if (argv[0] === 'make' || argv[0].endsWith('/make')) {
        const env = this.sys.env;
        const before = env.MAKELEVEL;
        env.MAKELEVEL = String(this.inv.level + 1);
        try {
          const next: MakeInvocation = { level: this.inv.level + 1, overrides: this.inv.overrides, silent: this.silent };
          if (this.inv.printDirectory !== undefined) next.printDirectory = this.inv.printDirectory;
          status = make(argv, this.io, this.sys, next);
        } finally {
          if (before === undefined) delete env.MAKELEVEL;
          else env.MAKELEVEL = before;
        }
        continue;
      }
      status = this.sys.exec(argv, { stdin: '', out: (t) => this.io.out(t), err: (t) => this.io.err(t) });
      if (status < 0) {
        this.io.err(`${this.me}: ${argv[0]}: No such file or directory\n`);
        return 127;
      }
    }
    return status;
  }
}

/** $(shell COMMAND): a simple command's standard output. */
function shellOutput(command: string, sys: System): string {
  let out = '';
  for (const part of splitCommands(command)) {
    const argv = shellWords(part.text);
    if (argv.length === 0) continue;
    sys.exec(argv, { stdin: '', out: (t) => (out += t), err: () => undefined });
  }
  return out;
}

function splitCommands(line: string): Array<{ op: ';' | '&&' | '||'; text: string }> {
  const out: Array<{ op: ';' | '&&' | '||'; text: string }> = [];
  let op: ';' | '&&' | '||' = ';';
  let cur = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (line.startsWith('&&', i) || line.startsWith('||', i) || c === ';' || c === '\n') {
      out.push({ op, text: cur });
      op = c === ';' || c === '\n' ? ';' : (line.slice(i, i + 2) as '&&' | '||');
      if (c !== ';' && c !== '\n') i++;
      cur = '';
    } else cur += c;
  }
  out.push({ op, text: cur });
  return out.filter((p) => p.text.trim() !== '');
}

/** Words of a simple command: blanks split, quotes group, backslash escapes. */
function shellWords(text: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (cur !== null) out.push(cur);
      cur = null;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      cur = (cur ?? '') + text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      cur = (cur ?? '') + text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (c === '\\' && i + 1 < text.length) {
      cur = (cur ?? '') + text[++i];
    } else cur = (cur ?? '') + c;
  }
  if (cur !== null) out.push(cur);
  return out;
}

export { words };

export const make_: Tool = { name: 'make', main, summary: 'GNU make 4.3: build with a Makefile (kbuild for kernel modules)' };
