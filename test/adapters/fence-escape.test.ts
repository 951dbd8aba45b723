/**
 * Output cannot leave its code block (issue 8 item 4): every run of backticks, 1 to 12 long,
 * at the start, middle and end of a line, in the output and in the typed command, renders as
 * exactly one opening and one closing fence per code block on Discord and on Slack; and a
 * seeded fuzz of outputs (backticks, mentions, multi-byte characters, long lines) never
 * exceeds a platform limit, cuts a code block or a character, or lets a fence through.
 */
import { strict as assert } from 'node:assert';
import type { Reply, TerminalBlock } from '../../src/contracts/reply';
import * as discord from '../../adapters/discord/render';
import * as slack from '../../adapters/slack/render';

const PROMPT = 'root@modlab:~#';
const ZWSP = /\u200b/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function terminal(line: string, output: string, keep: TerminalBlock['keep'] = 'start'): TerminalBlock {
  return { kind: 'terminal', user: 'alice', prompt: PROMPT, line, output, exitCode: 0, keep };
}

function reply(...blocks: Reply['blocks']): Reply {
  return { blocks, visibility: 'channel' };
}

function fences(text: string): number {
  return text.match(/```/g)?.length ?? 0;
}

/** The Discord message's code block: between the first "```\n" and the last "\n```". */
function discordCode(content: string): string {
  const open = content.indexOf('```\n');
  const close = content.lastIndexOf('\n```');
  assert.ok(open >= 0 && close > open, content);
  return content.slice(open + 4, close);
}

function slackSections(r: slack.RenderedReply): string[] {
  return r.messages.flatMap((m) => m.blocks).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

describe('code fences: output cannot escape its block', () => {
  const placements: Array<[string, (run: string) => string]> = [
    ['at the start of a line', (run) => `${run}# FREE NITRO\n`],
    ['in the middle of a line', (run) => `see ${run}here\n`],
    ['at the end of a line', (run) => `[claim here](https://evil.example/login)${run}\n`],
    ['alone on a line', (run) => `${run}\n# FREE NITRO\n[claim here](https://evil.example/login)\n`],
  ];
  for (let n = 1; n <= 12; n++) {
    const run = '`'.repeat(n);
    for (const [where, make] of placements) {
      const output = make(run);
      it(`a run of ${n} backtick(s) ${where}: one opening and one closing fence on Discord`, () => {
        const { content } = discord.fitContent([terminal(`printf '${run}'`, output)]);
        assert.equal(fences(content), 2, content);
        assert.ok(content.startsWith('**alice**\n```\n') && content.endsWith('\n```'), content);
        // nothing but zero-width spaces was added: the output reads as the tool printed it
        assert.equal(discordCode(content).replace(ZWSP, ''), `${PROMPT} printf '${run}'\n${output.slice(0, -1)}`);
      });
      it(`a run of ${n} backtick(s) ${where}: one opening and one closing fence on Slack`, () => {
        const sections = slackSections(slack.renderReply(reply(terminal(`printf '${run}'`, output))));
        assert.equal(sections.length, 1);
        const [text] = sections;
        assert.equal(fences(text), 2, text);
        assert.ok(text.startsWith('```') && text.endsWith('```'));
        assert.equal(text.slice(3, -3).replace(ZWSP, ''), `${PROMPT} printf '${run}'\n${output.slice(0, -1)}`);
      });
    }
  }

  it("renders issue 8's printf as text inside the block, not a heading and a link", () => {
    const output = '`````\n# FREE NITRO\n[claim here](https://evil.example/login)\n';
    const { content } = discord.fitContent([terminal('printf "\\140\\140\\140\\140\\140\\n# FREE NITRO\\n[claim here](https://evil.example/login)\\n"', output)]);
    assert.equal(
      content,
      '**alice**\n```\nroot@modlab:~# printf "\\140\\140\\140\\140\\140\\n# FREE NITRO\\n[claim here](https://evil.example/login)\\n"\n' +
        '`\u200b`\u200b`\u200b`\u200b`\n# FREE NITRO\n[claim here](https://evil.example/login)\n```',
    );
    const [text] = slackSections(slack.renderReply(reply(terminal('printf x', output))));
    assert.equal(text, '```root@modlab:~# printf x\n`\u200b`\u200b`\u200b`\u200b`\n# FREE NITRO\n[claim here](https://evil.example/login)```');
  });
});

/** mulberry32: a small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['`', '``', '```', '`````', '\n', ' ', 'a', 'lsmod', '@everyone', '<@123>', '<!here>', '&', '<', '>', '# h', '[x](https://e.example)', 'é', '😀', '👩‍👩‍👧', '中文', 'e\u0301', '\r\n', '\t', '*', '_', '~', '|', '\\'];

function fuzzOutput(next: () => number): string {
  let out = '';
  const pieces = Math.floor(next() * 60);
  for (let k = 0; k < pieces; k++) {
    if (next() < 0.05) out += 'x'.repeat(Math.floor(next() * 5000));
    else out += PIECES[Math.floor(next() * PIECES.length)];
  }
  return out;
}

describe('renderer fuzz (seeded): limits, whole code blocks and characters, no fence', () => {
  const CASES = 150;
  it(`Discord: ${CASES} random replies`, () => {
    const next = random(8);
    for (let k = 0; k < CASES; k++) {
      const blocks: TerminalBlock[] = [];
      const count = 1 + Math.floor(next() * 3);
      for (let b = 0; b < count; b++) blocks.push(terminal(Array.from(fuzzOutput(next)).slice(0, 200).join(''), fuzzOutput(next), next() < 0.5 ? 'start' : 'end'));
      const message = discord.renderReply(reply(...blocks), { stash: () => 'k' });
      const content = message.content;
      assert.ok(content.length <= discord.MESSAGE_CONTENT_LIMIT, `case ${k}: ${content.length}`);
      assert.ok(!LONE_SURROGATE.test(content), `case ${k}: a cut character`);
      // one code block per run of one user's commands (all blocks here are alice's): 2 fences
      assert.equal(fences(content), 2, `case ${k}: ${JSON.stringify(content)}`);
      const lines = content.split('\n');
      assert.equal(lines.filter((l) => l === '```').length, 2, `case ${k}`);
      assert.deepEqual(message.allowedMentions, { parse: [] });
    }
  });

  it(`Slack: ${CASES} random replies`, () => {
    const next = random(11);
    for (let k = 0; k < CASES; k++) {
      const blocks: TerminalBlock[] = [];
      const count = 1 + Math.floor(next() * 3);
      for (let b = 0; b < count; b++) blocks.push(terminal(Array.from(fuzzOutput(next)).slice(0, 200).join(''), fuzzOutput(next), next() < 0.5 ? 'start' : 'end'));
      const rendered = slack.renderReply(reply(...blocks), { stash: () => 'k' });
      for (const m of rendered.messages) assert.ok(m.blocks.length <= slack.MESSAGE_BLOCK_LIMIT, `case ${k}`);
      const sections = slackSections(rendered);
      assert.equal(sections.length, count, `case ${k}`);
      for (const text of sections) {
        assert.ok(text.length <= slack.SECTION_TEXT_LIMIT, `case ${k}: ${text.length}`);
        assert.ok(!LONE_SURROGATE.test(text), `case ${k}: a cut character`);
        assert.equal(fences(text), 2, `case ${k}: ${JSON.stringify(text)}`);
        assert.ok(text.startsWith('```') && text.endsWith('```'), `case ${k}`);
        assert.ok(!/[<>]/.test(text), `case ${k}: an unescaped < or >`);
      }
    }
  });
});
