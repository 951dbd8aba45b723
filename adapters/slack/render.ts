/**
 * Reply → Slack messages (Block Kit), in one place (STYLE.md "Shaping output for chat").
 * Pure functions: no client, no I/O. Every budget is a named constant, and every cut falls
 * on a line boundary (or, for a single over-long line, on a code point), never inside a
 * code block, an escape sequence or a character.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Block, Choice, NoticeBlock, Reply, TerminalBlock } from '../../src/contracts/reply';

/** Slack: "Maximum length for the text in this field is 3000 characters" (section block text). */
export const SECTION_TEXT_LIMIT = 3000;
/** Slack: a message holds at most 50 blocks. */
export const MESSAGE_BLOCK_LIMIT = 50;
/** Our own ceiling for the text of one message, well under chat.postMessage's 40,000, so a message stays readable. */
export const MESSAGE_TEXT_BUDGET = 12_000;
/** Slack: an actions block holds at most 25 elements. */
export const ACTIONS_PER_BLOCK = 25;
/** Slack: a button's text is at most 75 characters. */
export const BUTTON_TEXT_LIMIT = 75;
/** Slack: action_id is at most 255 characters. */
export const ACTION_ID_LIMIT = 255;
/** The notification fallback (`text`) is only what a push notification shows. */
export const FALLBACK_TEXT_LIMIT = 150;
/** The prompt line (prompt + command) gets at most this much of a section before it is cut. */
export const COMMAND_LINE_BUDGET = 1000;
/** A user name in a context line. */
export const USER_NAME_BUDGET = 80;
/** A reply longer than this many messages is cut, with a notice (a 1000-line script must not flood a channel). */
export const MAX_MESSAGES_PER_REPLY = 10;

/** Prefixes of our action_ids; listeners.ts routes on them. */
export const CHOICE_ACTION_PREFIX = 'modlab.choice.';
export const UPLOAD_ACTION_PREFIX = 'modlab.upload.';

const FENCE = '```';
const ZERO_WIDTH_SPACE = '\u200b';
const ELLIPSIS = '…';

export interface SlackMessage {
  /** Notification fallback; the blocks are what people read. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderedReply {
  messages: SlackMessage[];
  /** Only the invoking user sees it. */
  ephemeral: boolean;
}

export interface RenderOptions {
  /**
   * Keeps the whole of a cut terminal block and returns a key for its upload button
   * (adapters/shelf.ts). Without it, cut outputs get no button.
   */
  stash?: (block: TerminalBlock) => string;
}

/** Slack's three control characters (docs: "Escaping text"); after this nothing can mention, link or ping. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line as it sits inside a code block: escaped, and unable to close the block early. */
export function codeLine(line: string): string {
  return escapeMrkdwn(line).replace(/```/g, `\`${ZERO_WIDTH_SPACE}\`${ZERO_WIDTH_SPACE}\``);
}

/** Wraps escaped lines in a code block. A trailing backtick would merge into the closing fence. */
export function codeBlock(lines: readonly string[]): string {
  let body = lines.join('\n');
  if (body.endsWith('`')) body += ZERO_WIDTH_SPACE;
  if (body.startsWith('`')) body = ZERO_WIDTH_SPACE + body;
  if (body === '') body = ZERO_WIDTH_SPACE;
  return FENCE + body + FENCE;
}

/** Cuts raw text to at most `budget` characters once escaped, at a code point, ending with "…". */
export function cutLine(line: string, budget: number, escape: (s: string) => string = codeLine): string {
  if (escape(line).length <= budget) return line;
  let out = '';
  let used = ELLIPSIS.length;
  for (const ch of line) {
    const cost = escape(ch).length;
    if (used + cost > budget) break;
    out += ch;
    used += cost;
  }
  return out + ELLIPSIS;
}

export function moreLinesMarker(hidden: number): string {
  return `${ELLIPSIS} ${hidden} more line${hidden === 1 ? '' : 's'}`;
}

/** The lines of an output; a final newline ends the last line rather than starting an empty one. */
export function outputLines(output: string): string[] {
  if (output === '') return [];
  const body = output.endsWith('\n') ? output.slice(0, -1) : output;
  return body.split('\n');
}

export interface FittedTerminal {
  /** The section's mrkdwn text: one code block, prompt line first. */
  text: string;
  /** Output lines left out entirely (0 when the output fits). */
  hidden: number;
  /** Whether anything at all was left out (hidden lines or the tail of an over-long line). */
  cut: boolean;
}

/**
 * Fits prompt + output into one code block of at most `budget` characters. Keeps the start
 * of listings and the end of logs (TerminalBlock.keep); the marker sits where lines were cut.
 */
export function fitTerminal(block: TerminalBlock, budget: number = SECTION_TEXT_LIMIT): FittedTerminal {
  const head = codeLine(cutLine(`${block.prompt} ${block.line}`, COMMAND_LINE_BUDGET));
  const lines = outputLines(block.output).map((line) => line.replace(/\r$/, ''));
  const escaped = lines.map(codeLine);
  const whole = codeBlock([head, ...escaped]);
  if (whole.length <= budget) return { text: whole, hidden: 0, cut: false };

  const overhead = FENCE.length * 2 + 2; // fences, and the zero-width spaces codeBlock() may add

  // Reserve room for the widest marker this output could need.
  const room = budget - overhead - head.length - (moreLinesMarker(lines.length).length + 1);
  const order = block.keep === 'end' ? [...escaped.keys()].reverse() : [...escaped.keys()];
  const shown: number[] = [];
  let used = 0;
  for (const i of order) {
    const cost = escaped[i].length + 1;
    if (used + cost > room) break;
    shown.push(i);
    used += cost;
  }
  let partial: string | undefined;
  if (shown.length === 0 && lines.length > 0) {
    // Not even one whole line fits: show the kept line's beginning rather than nothing.
    const i = order[0];
    partial = codeLine(cutLine(lines[i], room - 1));
    shown.push(i);
  }
  shown.sort((a, b) => a - b);
  const body = shown.map((i) => (partial !== undefined ? partial : escaped[i]));
  const hidden = lines.length - shown.length;
  const marker = hidden > 0 ? [moreLinesMarker(hidden)] : [];
  const all = block.keep === 'end' ? [head, ...marker, ...body] : [head, ...body, ...marker];
  return { text: codeBlock(all), hidden, cut: true };
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function button(text: string, actionId: string, value: string, style?: Choice['style']): Button {
  const b: Button = {
    type: 'button',
    text: { type: 'plain_text', text: cutLine(text, BUTTON_TEXT_LIMIT, (s) => s), emoji: true },
    action_id: actionId.slice(0, ACTION_ID_LIMIT),
    value,
  };
  if (style === 'primary' || style === 'danger') b.style = style;
  return b;
}

/** Plain text split into sections of at most SECTION_TEXT_LIMIT, at line boundaries. */
export function textSections(text: string, prefix = ''): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current: string | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = (i === 0 ? prefix : '') + escapeMrkdwn(cutLine(raw, SECTION_TEXT_LIMIT - prefix.length, escapeMrkdwn));
    if (current === undefined) {
      current = line;
    } else if (current.length + 1 + line.length <= SECTION_TEXT_LIMIT) {
      current += `\n${line}`;
    } else {
      sections.push(section(current));
      current = line;
    }
  }
  sections.push(section(current === undefined || current === '' ? ZERO_WIDTH_SPACE : current));
  return sections;
}

const NOTICE_EMOJI: Record<NoticeBlock['level'], string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

/** The blocks of one Reply block; they stay together in one message. */
export function renderBlock(block: Block, options: RenderOptions = {}): KnownBlock[] {
  switch (block.kind) {
    case 'terminal': {
      const who = escapeMrkdwn(cutLine(block.user, USER_NAME_BUDGET, (s) => s));
      const status = block.exitCode === 0 ? '' : `  ·  exit ${block.exitCode}`;
      const fitted = fitTerminal(block);
      const blocks: KnownBlock[] = [context(`*${who}*${status}`), section(fitted.text)];
      if (fitted.cut && options.stash) {
        const key = options.stash(block);
        const count = outputLines(block.output).length;
        const upload: ActionsBlock = {
          type: 'actions',
          elements: [button(`Upload the whole output (${count} lines)`, UPLOAD_ACTION_PREFIX + key, key)],
        };
        blocks.push(upload);
      }
      return blocks;
    }
    case 'text':
      return textSections(block.text);
    case 'notice':
      return textSections(block.text, `${NOTICE_EMOJI[block.level]} `);
  }
}

export function choiceBlocks(choices: readonly Choice[]): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < choices.length; i += ACTIONS_PER_BLOCK) {
    blocks.push({
      type: 'actions',
      elements: choices.slice(i, i + ACTIONS_PER_BLOCK).map((c) => button(c.label, CHOICE_ACTION_PREFIX + c.id, c.id, c.style)),
    });
  }
  return blocks;
}

/** The characters a block shows (what MESSAGE_TEXT_BUDGET counts). */
export function blockTextLength(block: KnownBlock): number {
  switch (block.type) {
    case 'section':
      return block.text?.text.length ?? 0;
    case 'context':
      return block.elements.reduce((sum, e) => sum + ('text' in e && typeof e.text === 'string' ? e.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce((sum, e) => sum + (e.type === 'button' ? e.text.text.length : 0), 0);
    default:
      return 0;
  }
}

function fallbackText(reply: Reply): string {
  const first = reply.blocks[0];
  if (!first) return 'Modlab';
  const raw = first.kind === 'terminal' ? `${first.user}: ${first.line}` : first.text.split('\n')[0];
  return escapeMrkdwn(cutLine(raw, FALLBACK_TEXT_LIMIT, escapeMrkdwn));
}

/** Packs groups of blocks into messages within MESSAGE_BLOCK_LIMIT and MESSAGE_TEXT_BUDGET. */
export function packMessages(groups: readonly KnownBlock[][], text: string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let blocks: KnownBlock[] = [];
  let chars = 0;
  for (const group of groups) {
    for (let start = 0; start < group.length; start += MESSAGE_BLOCK_LIMIT) {
      // A group longer than one message (a huge help text) is split between its sections.
      const part = group.slice(start, start + MESSAGE_BLOCK_LIMIT);
      const size = part.reduce((sum, b) => sum + blockTextLength(b), 0);
      if (blocks.length > 0 && (blocks.length + part.length > MESSAGE_BLOCK_LIMIT || chars + size > MESSAGE_TEXT_BUDGET)) {
        messages.push({ text, blocks });
        blocks = [];
        chars = 0;
      }
      if (size > MESSAGE_TEXT_BUDGET && part.length > 1) {
        for (const b of part) {
          const n = blockTextLength(b);
          if (blocks.length > 0 && chars + n > MESSAGE_TEXT_BUDGET) {
            messages.push({ text, blocks });
            blocks = [];
            chars = 0;
          }
          blocks.push(b);
          chars += n;
        }
        continue;
      }
      blocks.push(...part);
      chars += size;
    }
  }
  if (blocks.length > 0 || messages.length === 0) messages.push({ text, blocks });
  return messages;
}

export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedReply {
  const groups = reply.blocks.map((b) => renderBlock(b, options));
  if (reply.choices && reply.choices.length > 0) groups.push(choiceBlocks(reply.choices));
  let messages = packMessages(groups, fallbackText(reply));
  if (messages.length > MAX_MESSAGES_PER_REPLY) {
    const left = messages.length - MAX_MESSAGES_PER_REPLY + 1;
    messages = messages.slice(0, MAX_MESSAGES_PER_REPLY - 1);
    messages.push({ text: messages[0].text, blocks: [context(`${ELLIPSIS} ${left} more messages of output not shown`)] });
  }
  return { messages, ephemeral: reply.visibility === 'user' };
}
