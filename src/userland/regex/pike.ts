/**
 * Pike's VM: every thread of the program advances one character at a time, and a state is
 * entered at most once per position, so a search costs O(input × program) whatever the
 * pattern — `(a+)+$` and `(a|a)*$` included. POSIX wants the leftmost match and, from there,
 * the longest one: new threads start only until a match is found, a thread that started
 * later than the best match dies, and a match that ends later replaces the best one.
 * Group offsets follow the preferred (greedy) path to the chosen end.
 */
import { assertHolds } from './assert';
import { Op, type Program } from './program';

export interface RawMatch {
  /** caps[0], caps[1] = the match; -1 for a group that did not take part. */
  caps: Int32Array;
}

/** One list of threads: parallel arrays, so a step allocates nothing but copied groups. */
class ThreadList {
  readonly pc: Int32Array;
  readonly start: Int32Array;
  readonly caps: (Int32Array | null)[];
  n = 0;

  constructor(size: number) {
    this.pc = new Int32Array(size);
    this.start = new Int32Array(size);
    this.caps = new Array<Int32Array | null>(size).fill(null);
  }

  push(pc: number, start: number, caps: Int32Array | null): void {
    this.pc[this.n] = pc;
    this.start[this.n] = start;
    this.caps[this.n] = caps;
    this.n++;
  }
}

export class PikeVm {
  /**
   * The stamp (search base + position + 1) a state was last entered at. Each search starts
   * its stamps past the previous one's, so the array is cleared only when they run out, not
   * once per line (a pattern of 30 000 states over 10 000 lines would cost 3·10⁸ writes).
   */
  private readonly seen: Int32Array;
  private base = 0;
  private stampBase = 0;
  private clist: ThreadList;
  private nlist: ThreadList;
  private readonly stackPc: Int32Array;
  private readonly stackCaps: (Int32Array | null)[];

  constructor(private readonly prog: Program) {
    const size = prog.insts.length + 1;
    this.seen = new Int32Array(size);
    this.clist = new ThreadList(size);
    this.nlist = new ThreadList(size);
    this.stackPc = new Int32Array(size);
    this.stackCaps = new Array<Int32Array | null>(size).fill(null);
  }

  /**
   * Follow JMP/SPLIT/SAVE/ASSERT from (pc, caps) at POS and queue the character-consuming
   * and MATCH states on LIST, in priority order (an explicit stack: programs can be long).
   */
  private add(list: ThreadList, pc0: number, start: number, caps0: Int32Array | null, pos: number, input: string, ncaps: number): void {
    const { op, x, y, asserts } = this.prog.flat;
    const seen = this.seen;
    const stamp = this.stampBase + pos + 1;
    let sp = 0;
    this.stackPc[sp] = pc0;
    this.stackCaps[sp++] = caps0;
    while (sp > 0) {
      sp--;
      let pc = this.stackPc[sp];
      let caps = this.stackCaps[sp];
      for (;;) {
        if (seen[pc] === stamp) break;
        seen[pc] = stamp;
        const o = op[pc];
        if (o === Op.Jmp) {
          pc = x[pc];
        } else if (o === Op.Split) {
          this.stackPc[sp] = y[pc];
          this.stackCaps[sp++] = caps;
          pc = x[pc];
        } else if (o === Op.Save) {
          if (x[pc] < ncaps) {
            caps = caps === null ? new Int32Array(ncaps).fill(-1) : caps.slice();
            caps[x[pc]] = pos;
          }
          pc++;
        } else if (o === Op.Assert) {
          if (!assertHolds(asserts[x[pc]], input, pos)) break;
          pc++;
        } else if (o === Op.Mark || o === Op.Check) {
          pc++;
        } else {
          list.push(pc, start, caps);
          break;
        }
      }
    }
  }

  /**
   * Leftmost-longest match at or after FROM. With `wantGroups` false only group 0 is
   * tracked; with `firstOnly` the first match found is returned (enough to decide whether
   * a line matches).
   */
  search(input: string, from: number, wantGroups: boolean, firstOnly: boolean): RawMatch | null {
    const { op, x, sets } = this.prog.flat;
    const first = this.prog.first;
    const ncaps = wantGroups ? 2 * (this.prog.groups + 1) : 2;
    if (this.base + input.length + 2 >= 0x7fffffff) {
      this.seen.fill(0);
      this.base = 0;
    }
    this.stampBase = this.base;
    this.base += input.length + 2;
    let clist = this.clist;
    let nlist = this.nlist;
    clist.n = 0;
    let bestStart = -1;
    let bestEnd = -1;
    let bestCaps: Int32Array | null = null;
    for (let pos = from; ; pos++) {
      if (bestStart < 0) {
        if (clist.n === 0 && first !== null) {
          // nothing is running: skip to where a match can begin
          pos = first.indexIn(input, pos);
          if (pos < 0) break;
        }
        this.add(clist, 0, pos, null, pos, input, ncaps);
      }
      if (clist.n === 0) {
        if (bestStart >= 0 || pos >= input.length) break;
        continue;
      }
      nlist.n = 0;
      const c = pos < input.length ? input.charCodeAt(pos) : -1;
      for (let k = 0; k < clist.n; k++) {
        const start = clist.start[k];
        if (bestStart >= 0 && start > bestStart) continue;
        const pc = clist.pc[k];
        switch (op[pc]) {
          case Op.Match:
            if (bestStart < 0 || start < bestStart || pos > bestEnd) {
              bestStart = start;
              bestEnd = pos;
              bestCaps = clist.caps[k];
              if (firstOnly) return this.finish(bestStart, bestEnd, bestCaps, ncaps);
            }
            break;
          case Op.Char:
            if (c === x[pc]) this.add(nlist, pc + 1, start, clist.caps[k], pos + 1, input, ncaps);
            break;
          case Op.Set:
            if (c >= 0 && sets[x[pc]].has(c)) this.add(nlist, pc + 1, start, clist.caps[k], pos + 1, input, ncaps);
            break;
          case Op.Any:
            if (c >= 0) this.add(nlist, pc + 1, start, clist.caps[k], pos + 1, input, ncaps);
            break;
          default:
            // Backref never reaches here: programs with back-references run on backtrack.ts
            break;
        }
      }
      if (pos >= input.length) break;
      [clist, nlist] = [nlist, clist];
    }
    if (wantGroups) {
      // let the group arrays of this search be collected
      this.clist.caps.fill(null, 0, this.clist.n);
      this.nlist.caps.fill(null, 0, this.nlist.n);
    }
    return bestStart < 0 ? null : this.finish(bestStart, bestEnd, bestCaps, ncaps);
  }

  private finish(start: number, end: number, caps0: Int32Array | null, ncaps: number): RawMatch {
    const caps = caps0 === null ? new Int32Array(ncaps).fill(-1) : caps0.slice();
    caps[0] = start;
    caps[1] = end;
    return { caps };
  }
}
