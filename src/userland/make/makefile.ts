/**
 * Reading a Makefile as GNU make 4.3 does, for the subset module Makefiles use: variables
 * (=, :=, ::=, +=, ?=), $(VAR) ${VAR} $V and $$, the functions $(shell …), $(strip …),
 * $(subst …), $(patsubst …), $(notdir …), $(addprefix …), $(addsuffix …), $(filter …),
 * conditionals (ifeq/ifneq/ifdef/ifndef/else/endif), comments, backslash-newline, and rules
 * with TAB-indented recipes. Errors carry make's own wording (read.c), e.g.
 * `Makefile:3: *** missing separator.  Stop.`
 */

export interface Rule {
  targets: string[];
  prereqs: string[];
  /** Recipe lines, unexpanded (expanded when they run, as make does). */
  recipe: Array<{ text: string; line: number }>;
  line: number;
}

export type Origin = 'default' | 'environment' | 'file' | 'command line' | 'automatic';

interface Variable {
  value: string;
  /** Where the makefile defined it, for make's messages. */
  where?: string;
  /** = and += on a recursive variable expand on use; := expands once. */
  recursive: boolean;
  origin: Origin;
}

export class MakeError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/** Runs $(shell …): the command's output with newlines turned into spaces, as make does. */
export type ShellFunction = (command: string) => string;

const MAX_EXPANSION_DEPTH = 64;

export class Makefile {
  private readonly vars = new Map<string, Variable>();
  readonly rules: Rule[] = [];
  /** The first target not starting with '.': what a plain `make` builds. */
  defaultGoal: string | undefined;

  constructor(private readonly shell: ShellFunction) {}

  define(name: string, value: string, origin: Origin): void {
    this.vars.set(name, { value, recursive: false, origin });
  }

  /** Variables being expanded now: meeting one again is make's "references itself" error. */
  private readonly expanding = new Set<string>();
  /** Where the line being read is (FILE:LINE), so assignments can remember it. */
  private reading = '';

  /** The value of NAME, expanded. */
  get(name: string, depth = 0): string {
    const v = this.vars.get(name);
    if (!v) return '';
    if (!v.recursive) return v.value;
    if (this.expanding.has(name)) throw new MakeError(`${v.where ?? 'make'}: *** Recursive variable '${name}' references itself (eventually).  Stop.\n`);
    this.expanding.add(name);
    try {
      return this.expand(v.value, depth + 1);
    } finally {
      this.expanding.delete(name);
    }
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /** Expand $(…) references in TEXT. */
  expand(text: string, depth = 0): string {
    if (depth > MAX_EXPANSION_DEPTH) throw new MakeError('*** Recursive variable references itself (eventually).  Stop.\n');
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '$') {
        out += c;
        continue;
      }
      const n = text[i + 1];
      if (n === undefined) break;
      if (n === '$') {
        out += '$';
        i++;
        continue;
      }
      if (n === '(' || n === '{') {
        const close = n === '(' ? ')' : '}';
        let level = 0;
        let j = i + 2;
        for (; j < text.length; j++) {
          if (text[j] === n) level++;
          else if (text[j] === close) {
            if (level === 0) break;
            level--;
          }
        }
        if (j >= text.length) throw new MakeError(`*** unterminated variable reference.  Stop.\n`);
        out += this.reference(text.slice(i + 2, j), depth);
        i = j;
        continue;
      }
      out += this.get(n, depth);
      i++;
    }
    return out;
  }

  private reference(inner: string, depth: number): string {
    const fn = /^([a-z]+)[ \t]+([\s\S]*)$/.exec(inner);
    if (fn) {
      const [, name, rest] = fn;
      const args = (): string[] => splitArgs(rest).map((a) => this.expand(a, depth + 1));
      switch (name) {
        case 'shell':
          return this.shell(this.expand(rest, depth + 1)).replace(/\n+$/, '').replace(/\n/g, ' ');
        case 'strip':
          return words(this.expand(rest, depth + 1)).join(' ');
        case 'notdir':
          return words(this.expand(rest, depth + 1)).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' ');
        case 'dir':
          return words(this.expand(rest, depth + 1)).map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './')).join(' ');
        case 'subst': {
          const [from = '', to = '', t = ''] = args();
          return from === '' ? t : t.split(from).join(to);
        }
        case 'patsubst': {
          const [pattern = '', replacement = '', t = ''] = args();
          return words(t).map((w) => patsubst(pattern, replacement, w)).join(' ');
        }
        case 'addprefix': {
          const [prefix = '', t = ''] = args();
          return words(t).map((w) => prefix + w).join(' ');
        }
        case 'addsuffix': {
          const [suffix = '', t = ''] = args();
          return words(t).map((w) => w + suffix).join(' ');
        }
        case 'filter': {
          const [patterns = '', t = ''] = args();
          const ps = words(patterns);
          return words(t).filter((w) => ps.some((p) => patsubst(p, '', w) !== w || p === w)).join(' ');
        }
        case 'wildcard':
        case 'info':
        case 'warning':
          return '';
      }
    }
    // $(VAR:a=b) substitution references.
    const subst = /^([^:]+):([^=]*)=(.*)$/.exec(inner);
    if (subst) {
      const value = this.get(this.expand(subst[1], depth + 1), depth);
      return words(value).map((w) => (w.endsWith(subst[2]) ? w.slice(0, w.length - subst[2].length) + subst[3] : w)).join(' ');
    }
    return this.get(this.expand(inner, depth + 1), depth);
  }

  /** Read the makefile's text: variables are set and rules recorded in order. */
  read(text: string, fileName: string): void {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    /** Stack of conditionals: whether this branch is taken, whether any branch was. */
    const conds: Array<{ active: boolean; seen: boolean; line: number }> = [];
    const active = (): boolean => conds.every((c) => c.active);
    let rule: Rule | null = null;
    const fail = (line: number, message: string): never => {
      throw new MakeError(`${fileName}:${line}: *** ${message}.  Stop.\n`);
    };
    for (let i = 0; i < lines.length; i++) {
      const lineNo = i + 1;
      this.reading = `${fileName}:${lineNo}`;
      let raw = lines[i];
      // A recipe line belongs to the rule above it.
      if (raw.startsWith('\t') && rule) {
        while (raw.endsWith('\\') && i + 1 < lines.length) raw = raw + '\n' + lines[++i];
        if (active()) rule.recipe.push({ text: raw.slice(1).replace(/\n\t/g, '\n'), line: lineNo });
        continue;
      }
      while (raw.endsWith('\\') && i + 1 < lines.length) raw = raw.slice(0, -1).replace(/[ \t]+$/, '') + ' ' + lines[++i].replace(/^[ \t]+/, '');
      const line = stripComment(raw);
      const trimmed = line.trim();
      if (trimmed === '') continue;
      const cond = /^(ifeq|ifneq|ifdef|ifndef|else|endif)\b[ \t]*(.*)$/.exec(trimmed);
      if (cond) {
        const [, word, arg] = cond;
        if (word === 'endif') {
          if (conds.length === 0) fail(lineNo, "extraneous 'endif'");
          conds.pop();
        } else if (word === 'else') {
          const top = conds[conds.length - 1];
          if (!top) fail(lineNo, "extraneous 'else'");
          const nested = /^(ifeq|ifneq|ifdef|ifndef)\b[ \t]*(.*)$/.exec(arg);
          if (nested) {
            const taken = !top.seen && this.test(nested[1], nested[2], fileName, lineNo);
            top.active = taken;
            top.seen ||= taken;
          } else {
            top.active = !top.seen;
            top.seen = true;
          }
        } else {
          const taken = active() ? this.test(word, arg, fileName, lineNo) : false;
          conds.push({ active: taken, seen: taken, line: lineNo });
        }
        rule = null;
        continue;
      }
      if (!active()) continue;
      if (raw.startsWith('\t')) fail(lineNo, 'recipe commences before first target');
      const assign = /^(override[ \t]+|export[ \t]+)?([^:#=\s]+)[ \t]*(:::?=|::=|:=|\+=|\?=|!=|=)[ \t]*(.*)$/.exec(line);
      if (assign) {
        this.assign(assign[2], assign[3], assign[4].replace(/[ \t]+$/, ''), Boolean(assign[1]?.startsWith('override')));
        rule = null;
        continue;
      }
      if (/^(export|unexport)[ \t]/.test(trimmed) || trimmed === 'export') {
        rule = null;
        continue;
      }
      const colon = findRuleColon(line);
      if (colon < 0) {
        const spaces = /^( +)/.exec(raw);
        if (spaces && spaces[1].length >= 8) fail(lineNo, `missing separator (did you mean TAB instead of 8 spaces?)`);
        fail(lineNo, 'missing separator');
      }
      const targets = words(this.expand(line.slice(0, colon)));
      let rest = line.slice(colon + 1);
      if (rest.startsWith(':')) rest = rest.slice(1);
      let inlineRecipe: string | undefined;
      const semi = rest.indexOf(';');
      if (semi >= 0) {
        inlineRecipe = rest.slice(semi + 1).replace(/^[ \t]+/, '');
        rest = rest.slice(0, semi);
      }
      const targetVar = /^[ \t]*([^:#=\s]+)[ \t]*(:=|\+=|\?=|=)[ \t]*(.*)$/.exec(rest);
      if (targetVar) {
        // Target-specific variables (`all: CFLAGS += -g`) are taken as global ones here.
        this.assign(targetVar[1], targetVar[2], targetVar[3], false);
        rule = null;
        continue;
      }
      rule = { targets, prereqs: words(this.expand(rest)), recipe: [], line: lineNo };
      if (inlineRecipe !== undefined) rule.recipe.push({ text: inlineRecipe, line: lineNo });
      this.rules.push(rule);
      if (this.defaultGoal === undefined) {
        const goal = targets.find((t) => !t.startsWith('.'));
        if (goal !== undefined) this.defaultGoal = goal;
      }
    }
    if (conds.length > 0) fail(lines.length + 1, "missing 'endif'");
  }

  private assign(name: string, op: string, value: string, override: boolean): void {
    const old = this.vars.get(name);
    // Variables given on the command line win over the makefile's (unless `override`).
    if (old?.origin === 'command line' && !override) return;
    switch (op) {
      case '=':
        this.vars.set(name, { value, recursive: true, origin: 'file', where: this.reading });
        return;
      case ':=':
      case '::=':
      case ':::=':
        this.vars.set(name, { value: this.expand(value), recursive: false, origin: 'file' });
        return;
      case '?=':
        if (!old) this.vars.set(name, { value, recursive: true, origin: 'file', where: this.reading });
        return;
      case '+=': {
        if (!old) {
          this.vars.set(name, { value, recursive: true, origin: 'file', where: this.reading });
          return;
        }
        const added = old.recursive ? value : this.expand(value);
        old.value = old.value === '' ? added : `${old.value} ${added}`;
        if (old.origin !== 'command line') old.origin = 'file';
        return;
      }
      case '!=':
        this.vars.set(name, { value: this.shell(this.expand(value)).replace(/\n+$/, '').replace(/\n/g, ' '), recursive: false, origin: 'file' });
        return;
    }
  }

  private test(word: string, arg: string, fileName: string, line: number): boolean {
    if (word === 'ifdef' || word === 'ifndef') {
      const defined = this.get(this.expand(arg.trim())) !== '';
      return word === 'ifdef' ? defined : !defined;
    }
    const pair = parseCondArgs(arg);
    if (!pair) throw new MakeError(`${fileName}:${line}: *** invalid syntax in conditional.  Stop.\n`);
    const equal = this.expand(pair[0]) === this.expand(pair[1]);
    return word === 'ifeq' ? equal : !equal;
  }

  /** The rule whose targets include TARGET (the last one with a recipe wins, as make warns). */
  ruleFor(target: string): Rule | undefined {
    const matching = this.rules.filter((r) => r.targets.includes(target));
    if (matching.length === 0) return undefined;
    const withRecipe = matching.filter((r) => r.recipe.length > 0);
    const chosen = withRecipe[withRecipe.length - 1] ?? matching[0];
    return { ...chosen, prereqs: matching.flatMap((r) => r.prereqs) };
  }
}

function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '#') return line.slice(0, i);
  }
  return line;
}

/** The ':' of a rule, outside $(…) (so `a: $(x:.o=.c)` splits at the first). */
function findRuleColon(line: string): number {
  let level = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      level++;
      i++;
    } else if ((c === ')' || c === '}') && level > 0) level--;
    else if (c === ':' && level === 0 && line[i + 1] !== '=') return i;
  }
  return -1;
}

function parseCondArgs(arg: string): [string, string] | null {
  const t = arg.trim();
  if (t.startsWith('(')) {
    if (!t.endsWith(')')) return null;
    const parts = splitArgs(t.slice(1, -1));
    if (parts.length !== 2) return null;
    return [parts[0].trim(), parts[1].trim()];
  }
  const q = /^(["'])(.*?)\1[ \t]+(["'])(.*?)\3$/.exec(t);
  return q ? [q[2], q[4]] : null;
}

/** Split a function's arguments at top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let level = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(' || c === '{') level++;
    if (c === ')' || c === '}') level--;
    if (c === ',' && level === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function words(text: string): string[] {
  return text.split(/[ \t\n]+/).filter((w) => w !== '');
}

function patsubst(pattern: string, replacement: string, word: string): string {
  const p = pattern.indexOf('%');
  if (p < 0) return word === pattern ? replacement : word;
  const pre = pattern.slice(0, p);
  const post = pattern.slice(p + 1);
  if (!word.startsWith(pre) || !word.endsWith(post) || word.length < pre.length + post.length) return word;
  const stem = word.slice(pre.length, word.length - post.length);
  return replacement.includes('%') ? replacement.replace('%', stem) : replacement;
}
