/**
 * What Debian 12's grep 3.8, sed 4.9 and bash 5.2 printed (LC_ALL=C, stdout and stderr
 * merged) for each line after SETUP, in a fresh directory: [line, output, status].
 * Recorded by scripts/record-pattern-tables.ts; do not edit by hand.
 */
export const SETUP = "printf 'hello world\\nHello World\\nfoo bar baz\\nfoobar\\nmodule_init(hello_init);\\n  indented line\\nabc123def\\n\\nlast line\\n' > t; printf 'hello 16384 0\\nnf_tables 274432 2 nft_ct,nft_chain_nat\\nsnd_hda_codec 184320 1 snd_hda_intel\\n' > mods; printf 'a\\nb\\nc\\nd\\ne\\n' > five";

export const GREP_TABLE: ReadonlyArray<readonly [string, string, number]> = [
  ["grep -o 'l\\+' t", "ll\nl\nll\nl\nl\nll\nl\nl\nl\n", 0],
  ["grep -oE '(a|ab)(c|bcd)' <<< abcd", "abcd\n", 0],
  ["grep -oE 'a|ab' <<< abab", "ab\nab\n", 0],
  ["grep -c 'x*' t", "9\n", 0],
  ["grep -o 'x*' t; echo $?", "0\n", 0],
  ["grep -E '(a+)+$' <<< aaaaaaaaaaaaaaaaaaaaaaaaaaaa!; echo $?", "1\n", 0],
  ["grep -E '(a|a)*$' <<< aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n", 0],
  ["grep -E '^(hello|foo)' t", "hello world\nfoo bar baz\nfoobar\n", 0],
  ["grep '^\\(hello\\|foo\\)' t", "hello world\nfoo bar baz\nfoobar\n", 0],
  ["grep -i '^hello' t", "hello world\nHello World\n", 0],
  ["grep -w foo t", "foo bar baz\n", 0],
  ["grep -ow 'foo\\w*' t", "foo\nfoobar\n", 0],
  ["grep -x 'foobar' t", "foobar\n", 0],
  ["grep -xE 'foo(bar)?' t", "foobar\n", 0],
  ["grep -F 'init(' t", "module_init(hello_init);\n", 0],
  ["grep -F -x '' t", "\n", 0],
  ["grep -Fi HELLO t", "hello world\nHello World\nmodule_init(hello_init);\n", 0],
  ["grep -o '[[:digit:]]\\+' t", "123\n", 0],
  ["grep -o '[0-9]\\{2,\\}' mods", "16384\n274432\n184320\n", 0],
  ["grep -oE '[0-9]{5,6}' mods", "16384\n274432\n184320\n", 0],
  ["grep -E '^[a-z_]+ [0-9]+ [1-9]' mods", "nf_tables 274432 2 nft_ct,nft_chain_nat\nsnd_hda_codec 184320 1 snd_hda_intel\n", 0],
  ["grep -o '\\<[a-z]*_[a-z]*\\>' mods", "nf_tables\nnft_ct\n", 0],
  ["grep -oE '\\bnft_\\w+' mods", "nft_ct\nnft_chain_nat\n", 0],
  ["grep '^[[:space:]]' t", "  indented line\n", 0],
  ["grep -v '^$' t | grep -c .", "8\n", 0],
  ["grep -e hello -e foo t", "hello world\nfoo bar baz\nfoobar\nmodule_init(hello_init);\n", 0],
  ["grep -o -e b -e abc -e c <<< abc", "abc\n", 0],
  ["grep $'hello\\nbar' t", "hello world\nfoo bar baz\nfoobar\nmodule_init(hello_init);\n", 0],
  ["grep -c '' five", "5\n", 0],
  ["grep '\\(l\\)\\1' t", "hello world\nHello World\nmodule_init(hello_init);\n", 0],
  ["grep -E '(o)\\1|(b)a' t", "foo bar baz\nfoobar\n", 0],
  ["grep -o '\\(.\\)\\1' t", "ll\nll\noo\noo\nll\n  \n", 0],
  ["grep '^.*$' five | grep -c '^[a-c]$'", "3\n", 0],
  ["grep 'a.c' t; echo $?", "abc123def\n0\n", 0],
  ["grep 'ab*c' t", "abc123def\n", 0],
  ["grep -E 'l{2}' t", "hello world\nHello World\nmodule_init(hello_init);\n", 0],
  ["grep -E 'x{1' t; echo $?", "1\n", 0],
  ["grep -E '*hello' t", "grep: warning: * at start of expression\nhello world\nmodule_init(hello_init);\n", 0],
  ["grep -E '+x|foo' t", "grep: warning: + at start of expression\nfoo bar baz\nfoobar\n", 0],
  ["grep -E '{1}ine' t", "grep: warning: {...} at start of expression\n  indented line\nlast line\n", 0],
  ["grep -E 'a{2,1}' t", "grep: Invalid content of \\{\\}\n", 2],
  ["grep 'a\\{1' t", "grep: Unmatched \\{\n", 2],
  ["grep -E '(' t", "grep: Unmatched ( or \\(\n", 2],
  ["grep -E ')' t; echo $?", "module_init(hello_init);\n0\n", 0],
  ["grep '\\)' t", "grep: Unmatched ) or \\)\n", 2],
  ["grep '[a' t", "grep: Unmatched [, [^, [:, [., or [=\n", 2],
  ["grep '[[:alpah:]]' t", "grep: Invalid character class name\n", 2],
  ["grep '[:space:]' t", "grep: character class syntax is [[:space:]], not [:space:]\n", 2],
  ["grep '[z-a]' t", "grep: Invalid range end\n", 2],
  ["grep 'a\\' t", "grep: Trailing backslash\n", 2],
  ["grep '\\1' t", "grep: Invalid back reference\n", 2],
  ["grep -E 'a{32768}' t", "grep: Regular expression too big\n", 2],
  ["grep -E -F x t", "grep: conflicting matchers specified\n", 2],
  ["grep -F -F foo t", "foo bar baz\nfoobar\n", 0],
  ["grep '*' <<< 'a*b'", "a*b\n", 0],
  ["grep -o 'a\\|ab' <<< abab", "ab\nab\n", 0],
  ["grep -io 'L' t | head -3", "l\nl\nl\n", 0],
  ["grep -E 'hello$' t", "", 1],
  ["grep 'd\\.$' t; echo $?", "1\n", 0],
  ["grep -o '.$' five | grep -c .", "5\n", 0],
  ["grep -E '^(nf|snd)_[a-z]+' mods | grep -oE '^[^ ]+'", "nf_tables\nsnd_hda_codec\n", 0],
];

export const SED_TABLE: ReadonlyArray<readonly [string, string, number]> = [
];

export const BASH_PATTERN_TABLE: ReadonlyArray<readonly [string, string, number]> = [
];
