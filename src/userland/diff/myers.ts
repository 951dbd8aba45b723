/**
 * The shortest edit script between two line arrays (Myers' O(ND) algorithm, as GNU diff's
 * analyze.c uses it, without its heuristics for huge inputs): which lines of A are deleted
 * and which lines of B are inserted. Work is bounded by MAX_DIFF_COST; past it the rest of
 * both files is one change, as diff's own "too expensive" cut-off does.
 */
import { MAX_DIFF_COST } from './limits';

export interface Changes {
  /** deleted[i]: line i of A is not in the common subsequence. */
  deleted: boolean[];
  inserted: boolean[];
}

export function diffLines(a: readonly string[], b: readonly string[]): Changes {
  const deleted = new Array<boolean>(a.length).fill(false);
  const inserted = new Array<boolean>(b.length).fill(false);
  // trim the common prefix and suffix first, as diff does
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let ha = a.length;
  let hb = b.length;
  while (ha > lo && hb > lo && a[ha - 1] === b[hb - 1]) {
    ha--;
    hb--;
  }
  const n = ha - lo;
  const m = hb - lo;
  if (n === 0 || m === 0) {
    for (let i = lo; i < ha; i++) deleted[i] = true;
    for (let j = lo; j < hb; j++) inserted[j] = true;
    return { deleted, inserted };
  }
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  let cost = 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[lo + x] === b[lo + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      cost += 1;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    if (cost > MAX_DIFF_COST) break;
  }
  if (!found) {
    for (let i = lo; i < ha; i++) deleted[i] = true;
    for (let j = lo; j < hb; j++) inserted[j] = true;
    return { deleted, inserted };
  }
  trace.push(v.slice());
  // walk back through the saved frontiers
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (x === prevX) inserted[lo + prevY] = true;
    else deleted[lo + prevX] = true;
    x = prevX;
    y = prevY;
  }
  return { deleted, inserted };
}
