import { strict as assert } from 'node:assert';
import type { KnownBlock } from '@slack/types';
import type { Block, Reply, TerminalBlock } from '../../../src/contracts/reply';
import {
  ACTIONS_PER_BLOCK,
  blockTextLength,
  codeLine,
  escapeMrkdwn,
  fitTerminal,
  MAX_MESSAGES_PER_REPLY,
  MESSAGE_BLOCK_LIMIT,
  MESSAGE_TEXT_BUDGET,
  moreLinesMarker,
  packMessages,
  renderBlock,
  renderReply,
  SECTION_TEXT_LIMIT,
  textSections,
} from '../../../adapters/slack/render';

const PROMPT = 'root@modlab:~#';

function terminal(output: string, keep: TerminalBlock['keep'] = 'start', line = 'cat x'): TerminalBlock {
  return { kind: 'terminal', user: 'alice', prompt: PROMPT, line, output, exitCode: 0, keep };
}

/** Characters of a code block around `body` with our prompt line (```root@modlab:~# cat x\n…```). */
const FRAME = '```'.length * 2 + `${PROMPT} cat x\n`.length;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function sectionText(block: KnownBlock): string {
  assert.equal(block.type, 'section');
  return block.type === 'section' ? (block.text?.text ?? '') : '';
}

describe('Slack render: escaping', () => {
  const rows: Array<[string, string, string]> = [
    ['<!channel> look', '&lt;!channel&gt; look', 'a broadcast cannot ping'],
    ['<@U123> hi', '&lt;@U123&gt; hi', 'a user mention stays text'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;', 'a link stays text'],
    ['a && b > c < d', 'a &amp;&amp; b &gt; c &lt; d', 'shell operators survive'],
    ['&amp;', '&amp;amp;', 'an entity in the output is shown as typed'],
    ['plain', 'plain', 'plain text is unchanged'],
  ];
  for (const [input, expected, why] of rows) {
    it(`${why}: ${JSON.stringify(input)}`, () => assert.equal(escapeMrkdwn(input), expected));
  }

  it('defuses a ``` in the output so it cannot close the code block', () => {
    assert.equal(codeLine('a```b'), 'a`\u200b`\u200b`b');
    const [, section] = renderBlock(terminal('```\n<!here>\n```\n'));
    assert.equal(sectionText(section).match(/```/g)?.length, 2);
    assert.ok(!sectionText(section).includes('<!here>'));
  });

  it('keeps an output ending with a backtick from merging into the closing fence', () => {
    const [, section] = renderBlock(terminal('tick`\n'));
    assert.equal(sectionText(section), '```root@modlab:~# cat x\ntick`\u200b```');
  });
});

describe('Slack render: one terminal block within a section (3000 characters)', () => {
  // Output of one line of `n` characters makes a code block of exactly FRAME + n characters.
  const rows: Array<[number, boolean]> = [
    [SECTION_TEXT_LIMIT - 1, false],
    [SECTION_TEXT_LIMIT, false],
    [SECTION_TEXT_LIMIT + 1, true],
  ];
  for (const [size, cut] of rows) {
    it(`${cut ? 'cuts' : 'keeps whole'} a code block that would be ${size} characters`, () => {
      const lines = ['x'.repeat(size - FRAME - 10 * 11), ...Array.from({ length: 10 }, () => 'y'.repeat(10))];
      const output = lines.join('\n');
      assert.equal(FRAME + output.length, size);
      const fitted = fitTerminal(terminal(output));
      assert.ok(fitted.text.length <= SECTION_TEXT_LIMIT, `${fitted.text.length}`);
      assert.equal(fitted.cut, cut);
      if (!cut) assert.equal(fitted.text, `\`\`\`${PROMPT} cat x\n${output}\`\`\``);
      else assert.ok(fitted.text.endsWith(`${moreLinesMarker(fitted.hidden)}\`\`\``));
    });
  }

  it('counts escaped characters against the budget (N and N+1 with & in the output)', () => {
    const amps = '&'.repeat(594); // 594 × "&amp;" = 2970 characters
    assert.equal(FRAME + 3 + amps.length * 5, SECTION_TEXT_LIMIT);
    assert.equal(fitTerminal(terminal(`xxx${amps}`)).cut, false);
    assert.equal(fitTerminal(terminal(`xxxx${amps}`)).cut, true);
    assert.equal(fitTerminal(terminal(`xx${amps}&`)).cut, true);
  });

  it('keeps the start of a listing and marks the cut at the end', () => {
    const output = Array.from({ length: 500 }, (_, i) => `module_${i} 16384 0`).join('\n') + '\n';
    const fitted = fitTerminal(terminal(output, 'start', 'lsmod'));
    assert.ok(fitted.text.startsWith('```root@modlab:~# lsmod\nmodule_0 16384 0\nmodule_1 16384 0\n'));
    assert.ok(fitted.text.endsWith(`\n… ${fitted.hidden} more lines\`\`\``));
    const shown = fitted.text.split('\n').length - 2;
    assert.equal(shown + fitted.hidden, 500);
  });

  it('keeps the end of a log and marks the cut at the start', () => {
    const output = Array.from({ length: 500 }, (_, i) => `[ ${i}.000000] hello: line ${i}`).join('\n') + '\n';
    const fitted = fitTerminal(terminal(output, 'end', 'dmesg'));
    assert.ok(fitted.text.startsWith(`\`\`\`root@modlab:~# dmesg\n… ${fitted.hidden} more lines\n`));
    assert.ok(fitted.text.endsWith('[ 499.000000] hello: line 499```'));
    assert.ok(fitted.text.length <= SECTION_TEXT_LIMIT);
  });

  it('says "1 more line" for one hidden line', () => {
    assert.equal(moreLinesMarker(1), '… 1 more line');
    assert.equal(moreLinesMarker(2), '… 2 more lines');
  });

  it('cuts a single over-long line at a code point, never inside a character or an escape', () => {
    for (const unit of ['😀', 'é', '<', 'a']) {
      const fitted = fitTerminal(terminal(unit.repeat(4000)));
      assert.ok(fitted.text.length <= SECTION_TEXT_LIMIT, unit);
      assert.ok(!LONE_SURROGATE.test(fitted.text), unit);
      assert.ok(!/&(?:a|am|l|g|amp|lt|gt)?\u2026/.test(fitted.text), `escape cut for ${unit}`);
      assert.ok(fitted.cut);
    }
  });

  it('cuts a huge command line too', () => {
    const fitted = fitTerminal(terminal('ok\n', 'start', `echo ${'z'.repeat(5000)}`));
    assert.ok(fitted.text.length <= SECTION_TEXT_LIMIT);
    assert.ok(fitted.text.includes('…\nok'));
  });

  it('shows an empty output as the prompt line alone', () => {
    assert.equal(fitTerminal(terminal('')).text, '```root@modlab:~# cat x```');
  });

  it('names the user and a failing exit status above the code block', () => {
    const [context] = renderBlock({ ...terminal('insmod: ERROR: could not insert module x.ko: File exists\n'), exitCode: 1, user: '<!everyone>' });
    assert.deepEqual(context, { type: 'context', elements: [{ type: 'mrkdwn', text: '*&lt;!everyone&gt;*  ·  exit 1', verbatim: true }] });
  });

  it('adds an upload button only when the output was cut', () => {
    const keys: string[] = [];
    const stash = (b: TerminalBlock) => (keys.push(b.line), 'k1');
    assert.equal(renderBlock(terminal('short\n'), { stash }).length, 2);
    const blocks = renderBlock(terminal('x\n'.repeat(3000)), { stash });
    assert.equal(blocks.length, 3);
    assert.deepEqual(blocks[2], {
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Upload the whole output (3000 lines)', emoji: true }, action_id: 'modlab.upload.k1', value: 'k1' }],
    });
    assert.deepEqual(keys, ['cat x']);
  });
});

describe('Slack render: text sections', () => {
  const rows: Array<[number, number]> = [
    [SECTION_TEXT_LIMIT - 1, 1],
    [SECTION_TEXT_LIMIT, 1],
    [SECTION_TEXT_LIMIT + 1, 2],
  ];
  for (const [size, sections] of rows) {
    it(`splits ${size} characters of two-line text into ${sections} section(s)`, () => {
      const text = `${'a'.repeat(size - 1001)}\n${'b'.repeat(1000)}`;
      const out = textSections(text);
      assert.equal(out.length, sections);
      assert.equal(out.map((s) => sectionText(s)).join('\n'), text);
    });
  }

  it('cuts a single line longer than a section', () => {
    const [only, ...rest] = textSections('w'.repeat(SECTION_TEXT_LIMIT + 1));
    assert.equal(rest.length, 0);
    assert.equal(sectionText(only).length, SECTION_TEXT_LIMIT);
    assert.ok(sectionText(only).endsWith('…'));
  });

  it('prefixes a notice with its level', () => {
    assert.deepEqual(renderBlock({ kind: 'notice', level: 'warning', text: 'Careful <@U1>' }).map(sectionText), [':warning: Careful &lt;@U1&gt;']);
  });
});

describe('Slack render: messages (50 blocks, 12,000 characters)', () => {
  const text = (n: number): Block => ({ kind: 'text', text: 't'.repeat(n) });

  const blockRows: Array<[number, number]> = [
    [MESSAGE_BLOCK_LIMIT - 1, 1],
    [MESSAGE_BLOCK_LIMIT, 1],
    [MESSAGE_BLOCK_LIMIT + 1, 2],
  ];
  for (const [count, messages] of blockRows) {
    it(`puts ${count} one-section blocks into ${messages} message(s)`, () => {
      const reply: Reply = { visibility: 'channel', blocks: Array.from({ length: count }, () => text(10)) };
      const out = renderReply(reply).messages;
      assert.equal(out.length, messages);
      assert.ok(out.every((m) => m.blocks.length <= MESSAGE_BLOCK_LIMIT));
      assert.equal(out.reduce((n, m) => n + m.blocks.length, 0), count);
    });
  }

  const charRows: Array<[number, number]> = [
    [MESSAGE_TEXT_BUDGET - 1, 1],
    [MESSAGE_TEXT_BUDGET, 1],
    [MESSAGE_TEXT_BUDGET + 1, 2],
  ];
  for (const [chars, messages] of charRows) {
    it(`puts ${chars} characters of sections into ${messages} message(s)`, () => {
      const sizes = [3000, 3000, 3000, 2000, chars - 11000];
      const reply: Reply = { visibility: 'channel', blocks: sizes.map(text) };
      const out = renderReply(reply).messages;
      assert.equal(out.length, messages);
      for (const m of out) assert.ok(m.blocks.reduce((n, b) => n + blockTextLength(b), 0) <= MESSAGE_TEXT_BUDGET);
    });
  }

  it('keeps a terminal block\'s name, code and button together in one message', () => {
    const groups: KnownBlock[][] = [renderBlock(text(3000)), renderBlock(text(3000)), renderBlock(text(3000)), renderBlock(terminal('x\n'.repeat(2000)), { stash: () => 'k' })];
    const out = packMessages(groups, 'fallback');
    assert.equal(out.length, 2);
    assert.deepEqual(out[1].blocks.map((b) => b.type), ['context', 'section', 'actions']);
  });

  it('stops a flood of messages with a notice', () => {
    const reply: Reply = { visibility: 'channel', blocks: Array.from({ length: 100 }, () => text(3000)) };
    const out = renderReply(reply).messages;
    assert.equal(out.length, MAX_MESSAGES_PER_REPLY);
    const last = out[out.length - 1].blocks[0];
    assert.equal(last.type, 'context');
  });

  it('splits choices into actions blocks of at most 25 buttons', () => {
    const choices = Array.from({ length: ACTIONS_PER_BLOCK + 1 }, (_, i) => ({ id: `c${i}`, label: `Choice ${i}` }));
    const [message] = renderReply({ visibility: 'channel', blocks: [text(5)], choices }).messages;
    const actions = message.blocks.filter((b) => b.type === 'actions');
    assert.deepEqual(actions.map((b) => (b.type === 'actions' ? b.elements.length : 0)), [25, 1]);
  });

  it('cuts a button label to 75 characters', () => {
    const [message] = renderReply({ visibility: 'user', blocks: [], choices: [{ id: 'x', label: 'L'.repeat(100) }] }).messages;
    const [actions] = message.blocks;
    assert.ok(actions.type === 'actions');
    const label = (actions.elements[0] as { text: { text: string } }).text.text;
    assert.equal(label.length, 75);
  });

  it('marks a user-only reply ephemeral and gives a short escaped fallback text', () => {
    const out = renderReply({ visibility: 'user', blocks: [{ ...terminal('x'), line: `echo <!channel> ${'y'.repeat(300)}` }] });
    assert.equal(out.ephemeral, true);
    assert.ok(out.messages[0].text.startsWith('alice: echo &lt;!channel&gt;'));
    assert.ok(out.messages[0].text.length <= 160);
  });
});
