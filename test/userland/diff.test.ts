import { replayLines, type LineRow } from './line-table';

const SETUP =
  "printf 'a\\nb\\nc\\nd\\n' > /tmp/x; printf 'a\\nB\\nc\\nd\\ne\\n' > /tmp/y; printf 'a' > /tmp/n1; printf 'a\\n' > /tmp/n3; " +
  'mkdir -p /tmp/A/s /tmp/B/s; echo 1 > /tmp/A/f; echo 2 > /tmp/B/f; echo z > /tmp/A/only; echo q > /tmp/A/s/g; echo r > /tmp/B/s/g';

const HEAD = '2026-11-25 20:18:00.000000000 +0000';

/** [line, output, status] in diffutils 3.8's formats (the fake disk dates every file at NOW). */
const TABLE: ReadonlyArray<LineRow> = [
  ['diff /tmp/x /tmp/y', '2c2\n< b\n---\n> B\n4a5\n> e\n', 1],
  ['diff /tmp/y /tmp/x', '2c2\n< B\n---\n> b\n5d4\n< e\n', 1],
  ['diff /tmp/x /tmp/x', '', 0],
  ['diff -u /tmp/x /tmp/y', `--- /tmp/x\t${HEAD}\n+++ /tmp/y\t${HEAD}\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n`, 1],
  ['diff -c /tmp/x /tmp/y', `*** /tmp/x\t${HEAD}\n--- /tmp/y\t${HEAD}\n***************\n*** 1,4 ****\n  a\n! b\n  c\n  d\n--- 1,5 ----\n  a\n! B\n  c\n  d\n+ e\n`, 1],
  ['diff -q /tmp/x /tmp/y', 'Files /tmp/x and /tmp/y differ\n', 1],
  ['diff -s /tmp/x /tmp/x', 'Files /tmp/x and /tmp/x are identical\n', 0],
  ['diff /tmp/n1 /tmp/n3', '1c1\n< a\n\\ No newline at end of file\n---\n> a\n', 1],
  ['diff /tmp/x /nope', 'diff: /nope: No such file or directory\n', 2],
  ['diff /tmp/x', "diff: missing operand after '/tmp/x'\ndiff: Try 'diff --help' for more information.\n", 2],
  ['diff /tmp/A /tmp/B', 'diff /tmp/A/f /tmp/B/f\n1c1\n< 1\n---\n> 2\nOnly in /tmp/A: only\nCommon subdirectories: /tmp/A/s and /tmp/B/s\n', 1],
  ['diff -r /tmp/A /tmp/B', 'diff -r /tmp/A/f /tmp/B/f\n1c1\n< 1\n---\n> 2\nOnly in /tmp/A: only\ndiff -r /tmp/A/s/g /tmp/B/s/g\n1c1\n< q\n---\n> r\n', 1],
  ['diff -rq /tmp/A /tmp/B', 'Files /tmp/A/f and /tmp/B/f differ\nOnly in /tmp/A: only\nFiles /tmp/A/s/g and /tmp/B/s/g differ\n', 1],
  [
    "seq 1 20 > /tmp/s1; seq 1 20 | sed 's/^5$/five/; s/^15$/fifteen/' > /tmp/s2; diff -u /tmp/s1 /tmp/s2",
    `--- /tmp/s1\t${HEAD}\n+++ /tmp/s2\t${HEAD}\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -12,7 +12,7 @@\n 12\n 13\n 14\n-15\n+fifteen\n 16\n 17\n 18\n`,
    1,
  ],
  ["printf 'x\\n' | diff - /tmp/n3", '1c1\n< x\n---\n> a\n', 1],
];

describe('diff (diffutils 3.8)', () => {
  replayLines(SETUP, TABLE);
});
