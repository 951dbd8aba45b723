/**
 * A parsed pattern as a program for the matchers: Thompson's construction, with SPLIT's first
 * target preferred (greedy), SAVE for group offsets and MARK/CHECK around every unbounded loop
 * so the back-reference matcher leaves a loop after an iteration that matched nothing (as
 * glibc does: `(a*)*` on "" sets \1 to ""; the Pike VM ignores them: it never runs the same
 * state twice at one position).
 */
import type { AssertKind, Node } from './ast';
import { CharSet, foldCase } from './charset';
import { MAX_PROGRAM } from './limits';

export const enum Op {
  Char,
  Set,
  Any,
  Split,
  Jmp,
  Save,
  Assert,
  Backref,
  Mark,
  Check,
  Match,
}

export type Inst =
  | { op: Op.Char; code: number }
  | { op: Op.Set; set: CharSet }
  | { op: Op.Any }
  | { op: Op.Split; x: number; y: number }
  | { op: Op.Jmp; x: number }
  | { op: Op.Save; slot: number }
  | { op: Op.Assert; what: AssertKind }
  | { op: Op.Backref; index: number }
  | { op: Op.Mark; reg: number }
  | { op: Op.Check; reg: number; exit: number }
  | { op: Op.Match };

/**
 * The instructions flattened into typed arrays for the Pike VM's inner loop (one shape per
 * access instead of a union of objects): op, x (char code, set index, target, slot) and y.
 */
export interface FlatProgram {
  op: Int32Array;
  x: Int32Array;
  y: Int32Array;
  sets: CharSet[];
  asserts: AssertKind[];
}

export interface Program {
  insts: Inst[];
  flat: FlatProgram;
  /**
   * The characters a match can start with, when a match cannot be empty and this is known:
   * the search skips straight to them (null: every position must be tried).
   */
  first: CharSet | null;
  /** Capturing groups (group 0, the whole match, not counted). */
  groups: number;
  /** Registers MARK/CHECK use (one per unbounded loop). */
  regs: number;
  icase: boolean;
  backrefs: boolean;
}

/** The program would exceed MAX_PROGRAM. */
export class ProgramTooBig extends Error {}

class Builder {
  readonly insts: Inst[] = [];
  regs = 0;

  constructor(private readonly icase: boolean) {}

  private emit(inst: Inst): number {
    if (this.insts.length >= MAX_PROGRAM) throw new ProgramTooBig('pattern too big');
    this.insts.push(inst);
    return this.insts.length - 1;
  }

  node(n: Node): void {
    switch (n.kind) {
      case 'empty':
        return;
      case 'char': {
        const cases = this.icase ? foldCase(n.code) : [n.code];
        if (cases.length === 1) this.emit({ op: Op.Char, code: n.code });
        else {
          const set = new CharSet();
          for (const c of cases) set.addChar(c);
          this.emit({ op: Op.Set, set });
        }
        return;
      }
      case 'set':
        if (this.icase) n.set.foldCase();
        this.emit({ op: Op.Set, set: n.set });
        return;
      case 'any':
        this.emit({ op: Op.Any });
        return;
      case 'concat':
        for (const item of n.items) this.node(item);
        return;
      case 'alt': {
        // SPLIT L1, next; L1: a; JMP end; next: SPLIT L2, next2 ... last
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length - 1; k++) {
          const split = this.emit({ op: Op.Split, x: 0, y: 0 });
          (this.insts[split] as { x: number }).x = this.insts.length;
          this.node(n.items[k]);
          jumps.push(this.emit({ op: Op.Jmp, x: 0 }));
          (this.insts[split] as { y: number }).y = this.insts.length;
        }
        this.node(n.items[n.items.length - 1]);
        for (const j of jumps) (this.insts[j] as { x: number }).x = this.insts.length;
        return;
      }
      case 'group':
        this.emit({ op: Op.Save, slot: 2 * n.index });
        this.node(n.node);
        this.emit({ op: Op.Save, slot: 2 * n.index + 1 });
        return;
      case 'assert':
        this.emit({ op: Op.Assert, what: n.what });
        return;
      case 'backref':
        this.emit({ op: Op.Backref, index: n.index });
        return;
      case 'repeat':
        this.repeat(n.node, n.min, n.max);
        return;
    }
  }

  private repeat(body: Node, min: number, max: number): void {
    for (let k = 0; k < min; k++) this.node(body);
    if (max === Infinity) {
      const reg = this.regs++;
      const split = this.emit({ op: Op.Split, x: 0, y: 0 });
      (this.insts[split] as { x: number }).x = this.insts.length;
      this.emit({ op: Op.Mark, reg });
      this.node(body);
      const check = this.emit({ op: Op.Check, reg, exit: 0 });
      this.emit({ op: Op.Jmp, x: split });
      (this.insts[split] as { y: number }).y = this.insts.length;
      (this.insts[check] as { exit: number }).exit = this.insts.length;
      return;
    }
    const splits: number[] = [];
    for (let k = min; k < max; k++) {
      const split = this.emit({ op: Op.Split, x: 0, y: 0 });
      (this.insts[split] as { x: number }).x = this.insts.length;
      splits.push(split);
      this.node(body);
    }
    for (const s of splits) (this.insts[s] as { y: number }).y = this.insts.length;
  }
}

function flatten(insts: Inst[]): FlatProgram {
  const n = insts.length;
  const flat: FlatProgram = { op: new Int32Array(n), x: new Int32Array(n), y: new Int32Array(n), sets: [], asserts: [] };
  insts.forEach((inst, k) => {
    flat.op[k] = inst.op;
    switch (inst.op) {
      case Op.Char:
        flat.x[k] = inst.code;
        break;
      case Op.Set:
        flat.x[k] = flat.sets.length;
        flat.sets.push(inst.set);
        break;
      case Op.Split:
        flat.x[k] = inst.x;
        flat.y[k] = inst.y;
        break;
      case Op.Jmp:
        flat.x[k] = inst.x;
        break;
      case Op.Save:
        flat.x[k] = inst.slot;
        break;
      case Op.Assert:
        flat.x[k] = flat.asserts.length;
        flat.asserts.push(inst.what);
        break;
      case Op.Backref:
        flat.x[k] = inst.index;
        break;
      case Op.Mark:
      case Op.Check:
        flat.x[k] = inst.reg;
        break;
      default:
        break;
    }
  });
  return flat;
}

/**
 * The first-character set: every consuming instruction reachable from the start without
 * consuming (assertions assumed to hold). Null when the empty string can match or any
 * character can start a match, as skipping would gain nothing.
 */
function firstSet(insts: Inst[]): CharSet | null {
  const set = new CharSet();
  const seen = new Uint8Array(insts.length);
  const stack = [0];
  while (stack.length > 0) {
    const pc = stack.pop() as number;
    if (seen[pc]) continue;
    seen[pc] = 1;
    const inst = insts[pc];
    switch (inst.op) {
      case Op.Char:
        set.addChar(inst.code);
        break;
      case Op.Set:
        if (!set.addSet(inst.set)) return null;
        break;
      case Op.Any:
      case Op.Match:
      case Op.Backref:
        return null;
      case Op.Split:
        stack.push(inst.y, inst.x);
        break;
      case Op.Jmp:
        stack.push(inst.x);
        break;
      case Op.Check:
        stack.push(pc + 1, inst.exit);
        break;
      default:
        stack.push(pc + 1);
    }
  }
  return set;
}

/** Compile NODE; throws ProgramTooBig. */
export function compileProgram(node: Node, groups: number, icase: boolean, backrefs: boolean): Program {
  const b = new Builder(icase);
  b.node(node);
  b.insts.push({ op: Op.Match });
  return { insts: b.insts, flat: flatten(b.insts), first: firstSet(b.insts), groups, regs: b.regs, icase, backrefs };
}
