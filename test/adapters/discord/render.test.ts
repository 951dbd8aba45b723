import { strict as assert } from 'node:assert';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Reply, TerminalBlock } from '../../../src/contracts/reply';
import {
  BUTTONS_PER_ROW,
  CUSTOM_ID_LIMIT,
  MESSAGE_CONTENT_LIMIT,
  ROWS_PER_MESSAGE,
  cutBytes,
  cutText,
  fitContent,
  fitLines,
  moreLinesMarker,
  outputLines,
  parseCustomId,
  plainText,
  plainTranscript,
  renderReply,
} from '../../../adapters/discord/render';

const PROMPT = 'root@modlab:~#';

function terminal(line: string, output: string, extra: Partial<TerminalBlock> = {}): TerminalBlock {
  return { kind: 'terminal', user: 'alice', prompt: PROMPT, line, output, exitCode: 0, keep: 'start', ...extra };
}

function reply(...blocks: Reply['blocks']): Reply {
  return { blocks, visibility: 'channel' };
}

/** "**alice**\n```\n" + prompt line + "\n" + output + "\n```": the frame around one command's output. */
const FRAME = '**alice**\n```\nroot@modlab:~# lsmod\n\n```'.length;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Code fences open and close in pairs, each on a line of its own. */
function fencesBalanced(content: string): boolean {
  const fences = content.split('\n').filter((l) => l.includes('```'));
  return fences.length % 2 === 0 && fences.every((l) => l === '```');
}

describe('discord render', () => {
  describe('a one-line output around the 2000-character limit', () => {
    const rows: Array<[string, number, boolean]> = [
      ['N-1 characters: sent whole, no button', MESSAGE_CONTENT_LIMIT - 1, false],
      ['exactly N characters: sent whole, no button', MESSAGE_CONTENT_LIMIT, false],
      ['N+1 characters: cut, with the whole-output button', MESSAGE_CONTENT_LIMIT + 1, true],
    ];
    for (const [title, size, cut] of rows) {
      it(title, () => {
        const output = 'x'.repeat(size - FRAME) + '\n';
        const stashed: string[] = [];
        const message = renderReply(reply(terminal('lsmod', output)), { stash: (t) => (stashed.push(t), 'key1') });
        const whole = `**alice**\n\`\`\`\n${PROMPT} lsmod\n${'x'.repeat(size - FRAME)}\n\`\`\``;
        assert.equal(whole.length, size);
        if (!cut) {
          assert.equal(message.content, whole);
          assert.deepEqual(message.components, []);
          assert.deepEqual(stashed, []);
        } else {
          assert.ok(message.content.length <= MESSAGE_CONTENT_LIMIT);
          assert.ok(message.content.startsWith(`**alice**\n\`\`\`\n${PROMPT} lsmod\nxxx`));
          assert.ok(message.content.endsWith('…\n```'));
          assert.equal(stashed.length, 1);
          assert.equal(stashed[0], `[alice] ${PROMPT} lsmod\n${'x'.repeat(size - FRAME)}\n`);
          assert.equal(message.components[0].components[0].custom_id, 'mf:key1');
        }
      });
    }
  });

  describe('a many-line output around the limit', () => {
    // 100-character lines: "line NNN " padded; the output takes `size` characters of the message.
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${String(i).padStart(3, '0')} `.padEnd(99, '.'));
    const rows: Array<[string, number]> = [
      ['N-1', -1],
      ['N', 0],
      ['N+1', 1],
    ];
    for (const [title, delta] of rows) {
      it(`${title}: cut only beyond the limit, at a line boundary, with "… N more lines" at the end of a listing`, () => {
        const body = lines(19); // 19*99 + 18 newlines = 1899
        const pad = MESSAGE_CONTENT_LIMIT - FRAME - 1899 - 1 + delta; // one more line of `pad` characters
        const output = [...body, 'y'.repeat(pad)].join('\n') + '\n';
        const message = renderReply(reply(terminal('lsmod', output)), { stash: () => 'k' });
        if (delta <= 0) {
          assert.equal(message.content.length, MESSAGE_CONTENT_LIMIT + delta);
          assert.ok(message.content.includes('y'.repeat(pad)));
          assert.deepEqual(message.components, []);
        } else {
          assert.ok(message.content.length <= MESSAGE_CONTENT_LIMIT);
          assert.ok(!message.content.includes('yyy'), 'the last line is left out whole');
          assert.ok(message.content.endsWith(`${moreLinesMarker(2)}\n\`\`\``) || message.content.endsWith(`${moreLinesMarker(1)}\n\`\`\``));
          for (const line of message.content.split('\n').slice(3, -2)) assert.equal(line.length, 99, 'no line is cut in the middle');
          assert.equal(message.components.length, 1);
        }
      });
    }
  });

  it('keeps the end of a log (keep: end) and puts the marker where lines went', () => {
    const output = Array.from({ length: 300 }, (_, i) => `[  ${i}.000000] event ${i}`).join('\n') + '\n';
    const { content } = fitContent([terminal('dmesg', output, { keep: 'end' })]);
    const lines = content.split('\n');
    assert.equal(lines[2], `${PROMPT} dmesg`);
    assert.match(lines[3], /^… \d+ more lines$/);
    assert.equal(lines[lines.length - 2], '[  299.000000] event 299');
    assert.ok(content.length <= MESSAGE_CONTENT_LIMIT);
  });

  it('keeps the start of a listing and says how many lines are left out', () => {
    const output = Array.from({ length: 300 }, (_, i) => `module_${i} 16384 0`).join('\n') + '\n';
    const { content } = fitContent([terminal('lsmod', output)]);
    const lines = content.split('\n');
    assert.equal(lines[3], 'module_0 16384 0');
    const shown = lines.length - 5; // header, fence, prompt line, marker, fence
    assert.equal(lines[lines.length - 2], `… ${300 - shown} more lines`);
  });

  it('cannot be broken out of its code block by ``` in the output', () => {
    const content = fitContent([terminal('cat evil', '```\n@everyone **bold** ```js\n````\n')]).content;
    assert.ok(fencesBalanced(content), content);
    assert.ok(content.includes('@everyone'), 'text inside a code block does not render as a mention');
  });

  it('never splits a multi-byte character, a grapheme or a CRLF line ending', () => {
    const emoji = '👩‍💻'; // one grapheme of 5 UTF-16 units
    for (let size = 1990; size <= 2010; size += 1) {
      const output = emoji.repeat(size) + '\r\n' + 'é'.repeat(50) + '\r\n';
      const { content } = fitContent([terminal('cat /tmp/x', output)]);
      assert.ok(content.length <= MESSAGE_CONTENT_LIMIT);
      assert.ok(!LONE_SURROGATE.test(content));
      assert.ok(!content.includes('\r'), 'CRLF endings become line breaks, no stray CR');
      const kept = content.split('\n')[3].replace('…', '');
      assert.equal(kept.length % emoji.length, 0, 'only whole graphemes');
    }
  });

  it('shows an empty output as the prompt line alone', () => {
    assert.equal(fitContent([terminal('insmod hello.ko', '')]).content, `**alice**\n\`\`\`\n${PROMPT} insmod hello.ko\n\`\`\``);
  });

  it('shows a failed command\'s exit status under its block', () => {
    const content = fitContent([terminal('insmod nope.ko', 'insmod: ERROR: could not load module nope.ko: No such file or directory\n', { exitCode: 1 })]).content;
    assert.equal(content.split('\n').pop(), '-# exit status 1');
  });

  it('lays out several commands of one user as one transcript in one code block', () => {
    const content = fitContent([terminal('insmod hello.ko', ''), terminal('lsmod | head -2', 'Module                  Size  Used by\nhello                  16384  0\n')]).content;
    assert.equal(
      content,
      [
        '**alice**',
        '```',
        `${PROMPT} insmod hello.ko`,
        `${PROMPT} lsmod | head -2`,
        'Module                  Size  Used by',
        'hello                  16384  0',
        '```',
      ].join('\n'),
    );
  });

  it('fits a 50-line script into one message, short outputs whole, with a marker for commands left out', () => {
    const blocks = Array.from({ length: 50 }, (_, i) => terminal(`echo ${i} ${'z'.repeat(40)}`, `${i}\n`));
    blocks[3] = terminal('dmesg', 'k'.repeat(80).concat('\n').repeat(200), { keep: 'end' });
    const message = renderReply(reply(...blocks), { stash: () => 'k' });
    assert.ok(message.content.length <= MESSAGE_CONTENT_LIMIT);
    assert.ok(fencesBalanced(message.content));
    assert.match(message.content, /-# … \d+ more commands not shown$/);
    assert.ok(message.content.includes(`${PROMPT} echo 0 `));
    assert.equal(message.components[0].components[0].custom_id, 'mf:k');
  });

  it('cuts a 4000-character command line in its prompt line', () => {
    const content = fitContent([terminal(`echo ${'a'.repeat(4000)}`, 'a\n')]).content;
    assert.ok(content.length < 500);
    assert.match(content, /a…\n/);
  });

  describe('text and notices', () => {
    it('escapes markdown and defuses mentions in plain text', () => {
      assert.equal(plainText('# not a heading *x* @everyone <@123> <#45>'), '\\# not a heading \\*x\\* @\u200beveryone <\u200b@123> <\u200b#45>');
      assert.equal(plainText('> quoted\n-# small'), '\\> quoted\n\\-# small');
    });

    it('renders a user-only notice as an ephemeral message with an emoji', () => {
      const message = renderReply({ blocks: [{ kind: 'notice', level: 'error', text: 'Only instructors may run /modlab reboot.' }], visibility: 'user' });
      assert.equal(message.content, '❌ Only instructors may run /modlab reboot.');
      assert.equal(message.flags, MessageFlags.Ephemeral);
      assert.deepEqual(message.allowedMentions, { parse: [] });
    });

    it('cuts a long text at a line boundary', () => {
      const text = Array.from({ length: 200 }, (_, i) => `line ${i} of the help`).join('\n');
      const { content } = fitContent([{ kind: 'text', text }]);
      assert.ok(content.length <= MESSAGE_CONTENT_LIMIT);
      assert.match(content, /line \d+ of the help\n… \d+ more lines$/);
    });
  });

  describe('buttons', () => {
    it('maps choices to buttons with custom_ids within 100 characters, five to a row', () => {
      const choices = Array.from({ length: 12 }, (_, i) => ({ id: `quiz:q1:${i}`, label: `Answer ${i}`, style: i === 0 ? ('primary' as const) : undefined }));
      const message = renderReply({ ...reply({ kind: 'text', text: 'Which one?' }), choices });
      assert.equal(message.components.length, 3);
      assert.deepEqual(message.components.map((r) => r.components.length), [5, 5, 2]);
      const first = message.components[0].components[0];
      assert.equal(first.type, ComponentType.Button);
      assert.equal(first.style, ButtonStyle.Primary);
      assert.equal(first.custom_id, 'mc:quiz:q1:0');
      assert.deepEqual(parseCustomId(first.custom_id), { kind: 'choice', id: 'quiz:q1:0' });
    });

    it('leaves out a choice whose id cannot fit a custom_id, and never more than 25 buttons', () => {
      const choices = [{ id: 'x'.repeat(CUSTOM_ID_LIMIT), label: 'too long' }, ...Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, label: `${i}` }))];
      const message = renderReply({ ...reply(terminal('lsmod', 'l\n'.repeat(3000))), choices }, { stash: () => 'k' });
      const all = message.components.flatMap((r) => r.components);
      assert.equal(message.components.length, ROWS_PER_MESSAGE);
      assert.equal(all.length, BUTTONS_PER_ROW * ROWS_PER_MESSAGE);
      assert.ok(all.every((b) => b.custom_id.length <= CUSTOM_ID_LIMIT));
      assert.equal(all[all.length - 1].custom_id, 'mf:k', 'the whole-output button always has its place');
    });

    it('cuts a label to Discord\'s 80 characters', () => {
      const message = renderReply({ ...reply({ kind: 'text', text: 'q' }), choices: [{ id: 'a', label: 'L'.repeat(200) }] });
      assert.equal(message.components[0].components[0].label?.length, 80);
    });
  });

  describe('helpers', () => {
    it('cuts text between graphemes and ends it with …', () => {
      assert.equal(cutText('abcdef', 6), 'abcdef');
      assert.equal(cutText('abcdefg', 6), 'abcde…');
      assert.equal(cutText('ab👍cd', 4), 'ab…');
    });

    it('splits output into lines with CRLF as one line ending', () => {
      assert.deepEqual(outputLines(''), []);
      assert.deepEqual(outputLines('a\r\nb\n'), ['a', 'b']);
      assert.deepEqual(outputLines('a\n\nb'), ['a', '', 'b']);
    });

    it('fits lines at N-1, N and N+1 of the budget', () => {
      const lines = ['aaaa', 'bbbb', 'cccc']; // 14 characters joined
      assert.deepEqual(fitLines(lines, 'start', 15, (l) => l), { lines, cut: false });
      assert.deepEqual(fitLines(lines, 'start', 14, (l) => l), { lines, cut: false });
      assert.deepEqual(fitLines(lines, 'start', 13, (l) => l).cut, true);
    });

    it('writes the whole transcript file with every command and exit status', () => {
      const text = plainTranscript([terminal('insmod x.ko', 'insmod: ERROR\n', { exitCode: 1 }), { kind: 'notice', level: 'info', text: 'hi' }]);
      assert.equal(text, `[alice] ${PROMPT} insmod x.ko\ninsmod: ERROR\n[exit 1]\n[modlab] hi\n`);
    });

    it('keeps a file under the upload limit, cut at a line', () => {
      assert.equal(cutBytes('ab\ncd\n', 100), 'ab\ncd\n');
      assert.equal(cutBytes('é'.repeat(30) + '\nb\n', 40), '… cut at 40 bytes\n');
    });
  });
});

describe('discord render: plain text', () => {
  const rows: Array<[string, string, string]> = [
    ['keeps `inline code` as code and escapes the rest', 'Run `rmmod mod_b` on mod_b', 'Run `rmmod mod_b` on mod\\_b'],
    ['escapes a lone backtick', 'a ` b_c', 'a \\` b\\_c'],
    ['does not let a code span cross a line', 'x `a\nb` y', 'x \\`a\nb\\` y'],
    ['defuses @everyone outside code', '@everyone `@here`', '@\u200beveryone `@here`'],
  ];
  for (const [description, text, want] of rows) {
    it(description, () => assert.equal(plainText(text), want));
  }
});
