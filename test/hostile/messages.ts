/**
 * The hostile class of issue 8: messages an attacker, or a careless student, can send.
 * Each must leave the process alive, the other conversations responsive and its own
 * conversation's state unchanged or validly changed.
 */
const x32 = '$x'.repeat(32);
const nested = (depth: number): string => (depth === 0 ? 'echo deep' : `echo $(${nested(depth - 1)})`);

export interface HostileMessage {
  name: string;
  text: string;
}

export const HOSTILE: HostileMessage[] = [
  { name: 'finding 1: ${#x} of a 128 MB string', text: `x=$(printf %4000000s); x=${x32}; echo \${#x}` },
  { name: 'finding 2: a 500 MB printf width into a file', text: "printf '%500000000s' x > /root/p" },
  { name: 'finding 3: grep -E "(a+)+$" backtracking', text: 'echo aaaaaaaaaaaaaaaaaaaaaaaaaaaa! | grep -E "(a+)+$"' },
  { name: 'finding 3: grep -E "(a|a)*$" backtracking', text: 'echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! | grep -E "(a|a)*$"' },
  { name: 'finding 3: [[ =~ ]] backtracking', text: '[[ aaaaaaaaaaaaaaaaaaaaaaaaaaaa! =~ (a+)+$ ]]; echo $?' },
  { name: 'finding 3: case pattern backtracking', text: 'case aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa in *a*a*a*a*a*a*a*a*a*c) echo y;; esac' },
  { name: 'finding 4: code-fence escape', text: 'printf "\\140\\140\\140\\140\\140\\n# FREE NITRO\\n[claim here](https://evil.example/login)\\n"' },
  { name: 'finding 7: string doubling', text: 'x=a; while :; do x=$x$x; done' },
  { name: 'finding 7: >> loop', text: 'while :; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >> /root/grow; done' },
  { name: 'a fork bomb', text: ':(){ :|:& };:' },
  { name: 'a 10-million-iteration loop', text: 'i=0; while [ $i -lt 10000000 ]; do i=$((i+1)); done; echo $i' },
  { name: 'cat /dev/zero | head -c 1G', text: 'cat /dev/zero | head -c 1G | wc -c' },
  { name: 'a 100 KB argument made in the shell', text: 'x=$(printf %100000s x); echo "$x" | wc -c' },
  { name: '40 nested command substitutions', text: nested(40) },
  { name: 'echo {1..100000000}', text: 'echo {1..100000000}' },
  { name: 'echo /*/*/*/*/*/*', text: 'echo /*/*/*/*/*/* | wc -c' },
];

/** Messages refused before they reach a machine. */
export const ONE_MB_LINE = `echo ${'a'.repeat(1 << 20)}`;
export const HUNDRED_KB_ARGUMENT = `echo ${'b'.repeat(100_000)}`;
