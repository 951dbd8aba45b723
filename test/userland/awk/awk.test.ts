import { strict as assert } from 'node:assert';
import { replayLines, type LineRow } from '../line-table';
import { expo, fixed, general } from '../../../src/userland/awk/cformat';

const SETUP = "printf 'a 1\\nb 2\\nc 3\\n' > /tmp/t";

/**
 * [line, output, status]: what mawk 1.3.4-20200120 prints, from its sources (error.c,
 * init.c, fin.c, print.c, cast.c) and the lab's transcript 20 (`lsmod | awk 'NR>1 {print $1}'`).
 */
const TABLE: ReadonlyArray<LineRow> = [
  ["awk '{s+=$2} END {print s}' /tmp/t", '6\n', 0],
  ["awk 'NR>1 {print $1}' /tmp/t", 'b\nc\n', 0],
  ["awk '{print NR\": \"$0}' /tmp/t", '1: a 1\n2: b 2\n3: c 3\n', 0],
  ["awk -F: '{print $1}' /etc/passwd | head -1", 'root\n', 0],
  ["awk -v x=5 'BEGIN{print x*2}'", '10\n', 0],
  ["awk 'BEGIN{printf \"%5.2f|%-4d|%x|%c|%s|%e\\n\", 3.14159, 42, 255, 65, \"hi\", 12345}'", ' 3.14|42  |ff|A|hi|1.234500e+04\n', 0],
  ["awk 'BEGIN{printf \"%.0f %.0f %.2f\\n\", 2.5, 3.5, 1.005}'", '2 4 1.00\n', 0],
  ["awk 'BEGIN{print 0.1+0.2, 1e6, 1e300, 2^53, 100/3, -0}'", '0.3 1000000 1e+300 9007199254740992 33.3333 0\n', 0],
  ["awk 'BEGIN{CONVFMT=\"%.2g\"; x = 3.14159; y = x \"\"; print y; OFMT=\"%.3f\"; print x}'", '3.1\n3.142\n', 0],
  ["echo 'a b c' | awk '{$2=\"X\"; print; print NF}'", 'a X c\n3\n', 0],
  ["echo 'a b c' | awk '{NF=2; print}'", 'a b\n', 0],
  ["echo 'a b c' | awk '{$5=\"e\"; print; print NF}'", 'a b c  e\n5\n', 0],
  ["echo 'a:b:c' | awk -F: -v OFS=- '{$1=$1; print}'", 'a-b-c\n', 0],
  ["awk 'BEGIN { s=\"hello world\"; n = gsub(/o/, \"0\", s); print n, s }'", '2 hell0 w0rld\n', 0],
  ["awk 'BEGIN { s=\"aaa\"; sub(/a/, \"[&]\", s); print s; t=\"abc\"; gsub(/x*/, \"-\", t); print t }'", '[a]aa\n-a-b-c-\n', 0],
  ["awk 'BEGIN { print substr(\"hello\", 2, 3), substr(\"hello\", 0, 2), substr(\"hello\", 4), index(\"hello\", \"l\"), length(\"hello\") }'", 'ell he lo 3 5\n', 0],
  ["awk 'BEGIN { n = split(\"a:b:c\", arr, \":\"); print n, arr[1], arr[3]; print split(\"  x  y \", w), w[2] }'", '3 a c\n2 y\n', 0],
  ["awk 'BEGIN { if (match(\"foobar\", /o+/)) print RSTART, RLENGTH; print match(\"x\", /y/), RSTART, RLENGTH }'", '2 2\n0 0 -1\n', 0],
  ["awk 'BEGIN { print toupper(\"abc\"), tolower(\"ABC\"), int(-3.7), sqrt(16), length() }' < /dev/null", 'ABC abc -3 4 0\n', 0],
  ["awk 'BEGIN { x[1,2] = 3; for (k in x) { split(k, p, SUBSEP); print p[1], p[2], x[k] }; print ((1,2) in x), (3 in x) }'", '1 2 3\n1 0\n', 0],
  ["awk 'BEGIN { a[\"x\"]; delete a[\"x\"]; print length(a); a[1]; a[2]; delete a; print length(a) }'", '0\n0\n', 0],
  ["awk 'function f(a,  i) { a[1] = 5; return 7 } BEGIN { print f(arr), arr[1] }'", '7 5\n', 0],
  ["awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'", '3628800\n', 0],
  ["awk 'BEGIN { x = 1; x += 2; print x++ + ++x, x; print 7 % 3, -7 % 3, 2 ^ 10, 2 ^ 3 ^ 2 }'", '8 5\n1 -1 1024 512\n', 0],
  ["awk 'BEGIN { a = \"10\"; b = 9; print (a < b), (\"10\" < \"9\"), (10 < 9) }'", '1 1 0\n', 0],
  ["printf '10\\n9\\n' | awk '$1 > 9'", '10\n', 0],
  ["echo 0x1A | awk '{ print $1 + 0 }'", '26\n', 0],
  ["awk '/b/,/c/' /tmp/t", 'b 2\nc 3\n', 0],
  ["awk '!/b/' /tmp/t", 'a 1\nc 3\n', 0],
  ["awk '$2 ~ /^[23]$/ { print $1 }' /tmp/t", 'b\nc\n', 0],
  ["awk 'NR == 2 { next } { print $1 }' /tmp/t", 'a\nc\n', 0],
  ["awk '{ print $1; exit 3 } END { print \"end\" }' /tmp/t", 'a\nend\n', 3],
  ["awk 'BEGIN { i = 0; while (i < 3) { i++; if (i == 2) continue; print i }; do { i-- } while (i > 0); print i; for (;;) break }'", '1\n3\n0\n', 0],
  ["awk 'BEGIN { for (i = 0; i < 20000; i++) s += i; print s }'", '199990000\n', 0],
  ["awk 'BEGIN { getline line < \"/tmp/t\"; print \"got\", line; \"echo hi\" | getline x; print x; print (getline y < \"/nope\") }'", 'got a 1\nhi\n-1\n', 0],
  ["awk 'BEGIN { while ((getline l < \"/tmp/t\") > 0) n++; print n }'", '3\n', 0],
  ["awk '{ getline; print }' /tmp/t", 'b 2\nc 3\n', 0],
  ["awk 'BEGIN { system(\"echo sys\"); r = system(\"exit 3\"); print r }'", 'sys\n3\n', 0],
  ["awk '{ print $2 | \"sort -r\" }' /tmp/t", '3\n2\n1\n', 0],
  ["awk '{ print $1 > \"/tmp/o\" } END { close(\"/tmp/o\"); while ((getline l < \"/tmp/o\") > 0) print \"o:\" l }' /tmp/t", 'o:a\no:b\no:c\n', 0],
  ["printf 'a b\\n\\nc d\\ne\\n' | awk 'BEGIN { RS = \"\" } { print NR \": \" $1 \"/\" NF }'", '1: a/2\n2: c/3\n', 0],
  ["echo 'a,b;c' | awk -F'[,;]' '{ print $2, $3 }'", 'b c\n', 0],
  ["awk 'BEGIN { printf \"%s %d\\n\", \"x\" }'", 'awk: run time error: not enough arguments passed to printf("%s %d\n")\n\tFILENAME="" FNR=0 NR=0\n', 2],
  // the command-line program ends with a simulated newline (scan_init), so end of file is on line 2 (transcript 21)
  ["awk '{print $1'", 'awk: line 2: missing } near end of file\n', 2],
  ["mawk '{'", 'mawk: line 2: missing } near end of file\n', 2],
  // a '(' still open where a statement ends: error.c's missing()
  ["awk 'BEGIN { print ( }'", 'awk: line 1: missing ) near }\n', 2],
  ["awk 'BEGIN { print 1 } }'", "awk: line 1: extra '}'\n", 2],
  ["awk 'BEGIN { x = 1 +* 2 }'", 'awk: line 1: syntax error at or near *\n', 2],
  ["awk 'BEGIN { f(1) }'", 'awk: line 1: function f never defined\n', 2],
  ["awk 'BEGIN { print \"a\" @ }'", "awk: 1: unexpected character '@'\n", 2],
  ["awk '{ print }' /nope", 'awk: cannot open /nope (No such file or directory)\n', 2],
  ["awk -f /nope", 'awk: cannot open /nope (No such file or directory)\n', 2],
  ["awk -x 1", 'awk: not an option: -x\n', 2],
  ["awk --version", 'awk: not an option: --version\n', 2],
  ["awk -F", 'awk: option -F lacks argument\n', 2],
  ["awk -v 1x=2 1", 'awk: improper assignment: -v 1x=2\n', 2],
  ["awk '/(a/'", "awk: line 1: regular expression compile failed (missing ')')\n(a\n", 2],
  ["awk 'BEGIN { while (1) ; }'", 'CPU time limit exceeded\n', 152],
  ["awk 'BEGIN { s = \"x\"; while (1) s = s s }'", 'awk: run time error: out of memory\n\tFILENAME="" FNR=0 NR=0\n', 2],
  ["mawk 'BEGIN { print \"m\" }'", 'm\n', 0],
  ["echo axb | awk '{ gsub(/x*/, \"-\"); print }'", '-a-b-\n', 0],
  ["awk 'BEGIN { printf \"a\" > \"/tmp/q\"; fflush(\"/tmp/q\"); system(\"cat /tmp/q\"); print \"\" }'", 'a\n', 0],
];

describe('awk (mawk 1.3.4): lines behave as on Debian 12', () => {
  replayLines(SETUP, TABLE);
});

describe("awk's C number formatting (glibc printf, round half to even on the exact value)", () => {
  const rows: ReadonlyArray<readonly [string, string]> = [
    [fixed(2.5, 0, false), '2'],
    [fixed(0.125, 2, false), '0.12'],
    [fixed(9.999, 2, false), '10.00'],
    [fixed(1e21, 0, false), '1000000000000000000000'],
    [expo(9.99, 1, false, false), '1.0e+01'],
    [expo(1e-300, 3, false, false), '1.000e-300'],
    [general(100000, 6, false, false), '100000'],
    [general(1000000, 6, false, false), '1e+06'],
    [general(0.0001, 6, false, false), '0.0001'],
    [general(0.00001, 6, false, false), '1e-05'],
    [general(123456789, 6, false, false), '1.23457e+08'],
    [general(999999.5, 6, false, false), '1e+06'],
    [general(1.5, 6, true, false), '1.50000'],
  ];
  rows.forEach(([got, want], k) => {
    it(`row ${k}: ${want}`, () => assert.equal(got, want));
  });
});
