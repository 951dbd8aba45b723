import { replayLines, type LineRow } from './line-table';

const SETUP = 'mkdir -p /tmp/d/sub; echo > /tmp/d/a.ko; echo > /tmp/d/sub/b.ko; echo hi > /tmp/d/c.txt';

/** [line, output, status] as findutils 4.9.0 prints them (C locale), in our directory order. */
const TABLE: ReadonlyArray<LineRow> = [
  ['find /tmp/d', '/tmp/d\n/tmp/d/sub\n/tmp/d/sub/b.ko\n/tmp/d/a.ko\n/tmp/d/c.txt\n', 0],
  ["find /tmp/d -name '*.ko' | wc -l", '2\n', 0],
  ['find /tmp/d -maxdepth 1 -type d', '/tmp/d\n/tmp/d/sub\n', 0],
  ['find /tmp/d -mindepth 2', '/tmp/d/sub/b.ko\n', 0],
  ["cd /tmp/d && find . -name '*.ko'", './sub/b.ko\n./a.ko\n', 0],
  ["find /tmp/d -iname 'A.KO'", '/tmp/d/a.ko\n', 0],
  ["find /tmp/d -path '*sub*' -type f", '/tmp/d/sub/b.ko\n', 0],
  ["find /tmp/d ! -name '*.ko' -type f", '/tmp/d/c.txt\n', 0],
  ['find /tmp/d -name sub -prune -o -print', '/tmp/d\n/tmp/d/a.ko\n/tmp/d/c.txt\n', 0],
  ["find /tmp/d \\( -name a.ko -o -name c.txt \\) -print", '/tmp/d/a.ko\n/tmp/d/c.txt\n', 0],
  ['find /tmp/d -size +1c -type f', '/tmp/d/c.txt\n', 0],
  ["find /tmp/d -type f -printf '%f %s %d %h\\n'", 'b.ko 1 2 /tmp/d/sub\na.ko 1 1 /tmp/d\nc.txt 3 1 /tmp/d\n', 0],
  ["find /tmp/d -name '*.ko' -exec echo got {} \\;", 'got /tmp/d/sub/b.ko\ngot /tmp/d/a.ko\n', 0],
  ["find /tmp/d -name '*.ko' -exec echo all {} +", 'all /tmp/d/sub/b.ko /tmp/d/a.ko\n', 0],
  ["find /tmp/d -name '*.txt' -delete; find /tmp/d -type f", '/tmp/d/sub/b.ko\n/tmp/d/a.ko\n', 0],
  ["find /tmp/d -name '*.ko' -print0 | xargs -0 echo", '/tmp/d/sub/b.ko /tmp/d/a.ko\n', 0],
  ['find /nope', "find: '/nope': No such file or directory\n", 1],
  ['find /tmp/d -name', "find: missing argument to `-name'\n", 1],
  ['find /tmp/d -exec echo', "find: missing argument to `-exec'\n", 1],
  ['find /tmp/d -foo', "find: unknown predicate `-foo'\n", 1],
  ['ls /tmp/d | xargs -n1 echo', 'a.ko\nc.txt\nsub\n', 0],
  ["printf 'a b\\nc\\n' | xargs echo", 'a b c\n', 0],
  ["printf 'a b\\nc\\n' | xargs -L1 echo", 'a b\nc\n', 0],
  ["printf 'a\\nb\\n' | xargs -I X echo [X]", '[a]\n[b]\n', 0],
  ["printf 'a:b' | xargs -d: -n1 echo", 'a\nb\n', 0],
  ["printf '' | xargs echo", '\n', 0],
  ["printf '' | xargs -r echo", '', 0],
  ['echo a | xargs -t echo', 'echo a\na\n', 0],
  ['echo a | xargs nope', 'xargs: nope: No such file or directory\n', 127],
  ['echo a | xargs false', '', 123],
  ['echo "it\'s" | xargs echo', 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n', 1],
];

describe('find and xargs (findutils 4.9.0)', () => {
  replayLines(SETUP, TABLE);
});
