/**
 * Back-references (\1 … \9) make matching NP-hard, so a program that has them runs here: a
 * depth-first search over the same program, trying every path from each start and keeping
 * the longest end (POSIX), but never more than MAX_BACKTRACK_STEPS steps for one search.
 * Past that the search stops with BacktrackBudgetExceeded, which the tools report as glibc's
 * regexec running out of memory does.
 */
import { assertHolds } from './assert';
import { MAX_BACKTRACK_STEPS } from './limits';
import { Op, type Program } from './program';
import type { RawMatch } from './pike';

export class BacktrackBudgetExceeded extends Error {
  constructor() {
    super('back-reference search exceeded its step budget');
    this.name = 'BacktrackBudgetExceeded';
  }
}

interface Choice {
  pc: number;
  pos: number;
  caps: Int32Array;
  regs: Int32Array;
}

function sameText(input: string, a: number, b: number, len: number, icase: boolean): boolean {
  for (let k = 0; k < len; k++) {
    let x = input.charCodeAt(a + k);
    let y = input.charCodeAt(b + k);
    if (icase) {
      if (x >= 65 && x <= 90) x += 32;
      if (y >= 65 && y <= 90) y += 32;
    }
    if (x !== y) return false;
  }
  return true;
}

export function backtrackSearch(prog: Program, input: string, from: number, budget = MAX_BACKTRACK_STEPS): RawMatch | null {
  const insts = prog.insts;
  const ncaps = 2 * (prog.groups + 1);
  let steps = 0;
  for (let start = from; start <= input.length; start++) {
    let bestEnd = -1;
    let bestCaps: Int32Array | null = null;
    const stack: Choice[] = [{ pc: 0, pos: start, caps: new Int32Array(ncaps).fill(-1), regs: new Int32Array(prog.regs).fill(-1) }];
    // A state's future depends only on (pc, pos, groups, loop marks): one already explored
    // cannot reach a longer end, so it is skipped (this keeps (a*)*\1 polynomial).
    const explored = new Set<string>();
    while (stack.length > 0) {
      const choice = stack.pop() as Choice;
      let { pc, pos } = choice;
      const { caps, regs } = choice;
      for (;;) {
        if (++steps > budget) throw new BacktrackBudgetExceeded();
        const inst = insts[pc];
        let ok = true;
        switch (inst.op) {
          case Op.Char:
            ok = pos < input.length && input.charCodeAt(pos) === inst.code;
            pos++;
            pc++;
            break;
          case Op.Set:
            ok = pos < input.length && inst.set.has(input.charCodeAt(pos));
            pos++;
            pc++;
            break;
          case Op.Any:
            ok = pos < input.length;
            pos++;
            pc++;
            break;
          case Op.Jmp:
            pc = inst.x;
            break;
          case Op.Split: {
            // a loop mark matters only as "this iteration has consumed nothing yet"
            let marks = '';
            for (let r = 0; r < regs.length; r++) marks += regs[r] === pos ? '=' : '<';
            const key = `${pc},${pos},${caps.join(',')};${marks}`;
            if (explored.has(key)) {
              ok = false;
              break;
            }
            explored.add(key);
            stack.push({ pc: inst.y, pos, caps: caps.slice(), regs: regs.slice() });
            pc = inst.x;
            break;
          }
          case Op.Save:
            caps[inst.slot] = pos;
            pc++;
            break;
          case Op.Assert:
            ok = assertHolds(inst.what, input, pos);
            pc++;
            break;
          case Op.Mark:
            regs[inst.reg] = pos;
            pc++;
            break;
          case Op.Check:
            // an iteration that matched nothing ends the loop
            pc = regs[inst.reg] === pos ? inst.exit : pc + 1;
            break;
          case Op.Backref: {
            const s = caps[2 * inst.index];
            const e = caps[2 * inst.index + 1];
            if (s < 0 || e < 0) {
              ok = false;
              break;
            }
            const len = e - s;
            ok = pos + len <= input.length && sameText(input, s, pos, len, prog.icase);
            pos += len;
            pc++;
            break;
          }
          case Op.Match:
            if (pos > bestEnd) {
              bestEnd = pos;
              bestCaps = caps.slice();
            }
            ok = false;
            break;
        }
        if (!ok) break;
      }
      if (bestEnd === input.length) break;
    }
    if (bestCaps !== null) {
      bestCaps[0] = start;
      bestCaps[1] = bestEnd;
      return { caps: bestCaps };
    }
  }
  return null;
}
