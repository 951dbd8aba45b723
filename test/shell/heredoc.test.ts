import { strict as assert } from 'node:assert';
import { fakeSystem } from './fake-system';
import { needsMoreInput, splitCommands } from '../../src/shell/parse';
import { scriptLines, echoed } from '../../src/scope/run-script';

/** [script, output, status]: recorded with bash 5.2.15 on Debian 12 (`LANG=C bash -c SCRIPT`, stdout+stderr). */
const HEREDOCS: ReadonlyArray<readonly [string, string, number]> = [
  ['cat <<EOF\nunfinished', "bash: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nunfinished\n", 0],
  ['x=7; cat <<EOF\n$x `echo b` \\$x\n\tt\nEOF', '7 b $x\n\tt\n', 0],
  ["x=7; cat <<'EOF'\n$x `echo b`\nEOF", '$x `echo b`\n', 0],
  ['cat <<-END\n\tone\n\t\ttwo\n\tEND\necho after', 'one\ntwo\nafter\n', 0],
  ['cat <<"E F"\na\nE F', 'a\n', 0],
  ['cat <<EOF | wc -l\na\n\nb\nEOF', '3\n', 0],
  ['cat <<A; cat <<B\n1\nA\n2\nB', '1\n2\n', 0],
  ['echo x \\\n  y', 'x y\n', 0],
  ['cat <<EOF\nline \\\ncont\nEOF', 'line cont\n', 0],
  ['cat <<E\\OF\n$HOME\nEOF', '$HOME\n', 0],
  ['echo a\ncat <<EOF\n1\n2', "a\nbash: line 4: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')\n1\n2\n", 0],
];

describe('shell: here-documents as bash 5.2 reads them', () => {
  for (const [script, output, status] of HEREDOCS) {
    it(`runs ${JSON.stringify(script)}`, () => {
      const r = fakeSystem().run(script);
      assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
    });
  }

  it('writes a C source with blank lines, quotes and tabs into a file', () => {
    const f = fakeSystem();
    const source = '#include <linux/module.h>\n\nstatic int __init hi(void)\n{\n\tpr_info("hi %s\\n", "x");\n\treturn 0;\n}\n';
    f.run(`cat > /root/hi.c <<'EOF'\n${source}EOF`);
    assert.equal(f.run('cat /root/hi.c').output, source);
  });
});

describe('shell: when bash would ask for more input (PS2)', () => {
  const rows: ReadonlyArray<readonly [string, boolean]> = [
    ["cat > a.c <<'EOF'", true],
    ["cat > a.c <<'EOF'\nint x;", true],
    ["cat > a.c <<'EOF'\nint x;\nEOF", false],
    ['cat <<-EOF\n\tx\n\tEOF', false],
    ["echo 'open", true],
    ['echo "open', true],
    ['echo x \\', true],
    ['# comment \\', false],
    ['if true', true],
    ['if true; then echo', true],
    ['if true; then echo; fi', false],
    ['for i in 1 2', true],
    ['echo $(ls', true],
    ['echo )', false],
    ['lsmod', false],
  ];
  for (const [text, more] of rows) {
    it(`${more ? 'continues' : 'runs'} ${JSON.stringify(text)}`, () => assert.equal(needsMoreInput(text), more));
  }
});

describe('a message of several lines: the commands bash reads one at a time', () => {
  it('keeps a here-document and its blank lines together with its command', () => {
    assert.deepEqual(splitCommands("cat > hello.c <<'EOF'\n#include <x>\n\nint a;\nEOF\nls\n\nmake"), ["cat > hello.c <<'EOF'\n#include <x>\n\nint a;\nEOF", 'ls', 'make']);
  });

  it('joins quotes, compound commands and trailing backslashes over lines', () => {
    assert.deepEqual(splitCommands("echo 'a\nb'\necho x \\\ny\nfor i in 1 2\ndo echo $i\ndone"), ["echo 'a\nb'", 'echo x \\\ny', 'for i in 1 2\ndo echo $i\ndone']);
  });

  it('runs an unfinished here-document at the end as it is (bash then warns)', () => {
    assert.deepEqual(splitCommands('ls\ncat <<EOF\nno end'), ['ls', 'cat <<EOF\nno end']);
  });

  it('keeps one empty command for an empty message', () => assert.deepEqual(scriptLines('  '), ['']));

  it('echoes continuation lines after bash\'s PS2', () => assert.equal(echoed("cat <<'EOF'\nx\nEOF"), "cat <<'EOF'\n> x\n> EOF"));
});
