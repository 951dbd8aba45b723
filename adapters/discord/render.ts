/**
 * Reply → one Discord message, in one place (STYLE.md "Shaping output for chat"). Pure
 * functions: no client, no I/O. Every budget is a named constant; every cut falls on a line
 * boundary (or, for one over-long line, between two graphemes), never inside a code block,
 * a line ending or a character. Nothing can ping anyone: allowed mentions are empty, and
 * mentions in plain text are defused as well so they do not even render.
 */
import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import type { Block, Choice, NoticeBlock, Reply, TerminalBlock } from '../../src/contracts/reply';

/** Discord: "message content … up to 2000 characters". Counted in UTF-16 units, never fewer than Discord counts. */
export const MESSAGE_CONTENT_LIMIT = 2000;
/** Discord: a custom_id is at most 100 characters. */
export const CUSTOM_ID_LIMIT = 100;
/** Discord: a button label is at most 80 characters. */
export const BUTTON_LABEL_LIMIT = 80;
/** Discord: an action row holds at most 5 buttons, a message at most 5 rows. */
export const BUTTONS_PER_ROW = 5;
export const ROWS_PER_MESSAGE = 5;
/** Discord's default upload limit for bots (10 MiB); the whole-output file stays under it. */
export const ATTACHMENT_BYTES_LIMIT = 10 * 1024 * 1024;
/** The prompt line of one command (a modal can carry a 4000-character line) is cut beyond this. */
export const PROMPT_LINE_BUDGET = 300;
/** A user name in a header line. */
export const USER_NAME_BUDGET = 80;
/** Below this many characters of room, an over-long line is not worth showing in part. */
export const PARTIAL_LINE_MINIMUM = 10;

/** custom_id prefixes; interactions.ts routes button clicks on them. */
export const CHOICE_ID_PREFIX = 'mc:';
export const FULL_OUTPUT_ID_PREFIX = 'mf:';
export const FULL_OUTPUT_FILE_NAME = 'modlab-output.txt';

const FENCE = '```';
const ZERO_WIDTH_SPACE = '\u200b';
const ELLIPSIS = '…';

export interface DiscordMessage {
  content: string;
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** MessageFlags.Ephemeral when only the invoking user may see it. */
  flags?: number;
  /** Always empty: no reply of Modlab's pings anyone. */
  allowedMentions: { parse: [] };
}

export interface RenderOptions {
  /**
   * Keeps the whole output of a reply that had to be cut and returns a short key for the
   * full-output button (index.ts keeps it in an OutputShelf, adapters/shelf.ts). Without it, no button.
   */
  stash?: (fullText: string) => string;
}

/* ------------------------------------------------------------------------------------- */
/* Characters                                                                             */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts `text` to at most `budget` UTF-16 units, between graphemes, ending with "…". */
export function cutText(text: string, budget: number): string {
  if (text.length <= budget) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > budget) break;
    out += segment;
  }
  return out + ELLIPSIS;
}

/** One line as it sits inside a code block: it cannot close the block (``` is broken up). */
export function codeLine(line: string): string {
  return line.replace(/```/g, `\`${ZERO_WIDTH_SPACE}\`${ZERO_WIDTH_SPACE}\``);
}

/** Plain text as Discord markdown that renders as itself and mentions nobody. */
export function plainText(text: string): string {
  // `inline code` (Reply text's one markup: a command to type) stays code; the rest is escaped.
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapePlain(part)))
    .join('');
}

function escapePlain(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped
    .split('\n')
    .map((line) => line.replace(/^(\s*)(>|-#)/, '$1\\$2'))
    .join('\n')
    .replace(/@(everyone|here)/g, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@#]|a?:)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/** The lines of an output; a final newline ends the last line, and CRLF counts as one line ending. */
export function outputLines(output: string): string[] {
  if (output === '') return [];
  const body = output.endsWith('\n') ? output.slice(0, -1) : output;
  return body.split('\n').map((line) => line.replace(/\r$/, ''));
}

export function moreLinesMarker(hidden: number): string {
  return `${ELLIPSIS} ${hidden} more line${hidden === 1 ? '' : 's'}`;
}

export function moreCommandsMarker(hidden: number): string {
  return `${ELLIPSIS} ${hidden} more command${hidden === 1 ? '' : 's'} not shown`;
}

/* ------------------------------------------------------------------------------------- */
/* Fitting lines                                                                          */

/**
 * At most `budget` characters of `lines` (joined by newlines), cut at line boundaries with a
 * marker where lines were left out: the start is kept for listings, the end for logs.
 * `render` turns a raw line into what is shown (escaping), `cut` reports whether anything went.
 */
export function fitLines(
  lines: readonly string[],
  keep: TerminalBlock['keep'],
  budget: number,
  render: (line: string) => string,
): { lines: string[]; cut: boolean } {
  const shown = lines.map(render);
  const cost = (ls: readonly string[]) => ls.reduce((sum, l) => sum + l.length, 0) + Math.max(0, ls.length - 1);
  if (cost(shown) <= budget) return { lines: shown, cut: false };

  const order = keep === 'end' ? [...shown.keys()].reverse() : [...shown.keys()];
  const kept: number[] = [];
  let used = 0;
  // Each kept line costs itself and one newline; the marker line is reserved at its widest.
  const room = budget - moreLinesMarker(lines.length).length;
  for (const i of order) {
    if (used + shown[i].length + 1 > room) break;
    kept.push(i);
    used += shown[i].length + 1;
  }
  let partial: string | undefined;
  if (kept.length === 0 && lines.length > 0 && room - 1 >= PARTIAL_LINE_MINIMUM) {
    // Not one whole line fits: show the kept line's beginning rather than nothing.
    const i = order[0];
    partial = cutRendered(lines[i], room - 1, render);
    kept.push(i);
  }
  kept.sort((a, b) => a - b);
  const body = kept.map((i) => (partial !== undefined ? partial : shown[i]));
  const hidden = lines.length - kept.length;
  if (hidden === 0) return { lines: body, cut: true };
  const marker = moreLinesMarker(hidden);
  return { lines: keep === 'end' ? [marker, ...body] : [...body, marker], cut: true };
}

/** The longest beginning of `line` whose rendering, with "…", takes at most `budget` characters. */
function cutRendered(line: string, budget: number, render: (line: string) => string): string {
  let out = '';
  for (const { segment } of graphemes.segment(line)) {
    if (render(out + segment).length + ELLIPSIS.length > budget) break;
    out += segment;
  }
  return render(out) + ELLIPSIS;
}

/* ------------------------------------------------------------------------------------- */
/* Laying out a reply                                                                     */

/**
 * A reply is laid out as runs: consecutive terminal blocks of one user form one transcript
 * (a header naming the user, one code block with each prompt line and its output, then the
 * exit statuses if any failed); a text or notice block is plain text.
 */
type Run =
  | { kind: 'transcript'; user: string; blocks: TerminalBlock[] }
  | { kind: 'text'; block: Exclude<Block, TerminalBlock> };

function runsOf(blocks: readonly Block[]): Run[] {
  const runs: Run[] = [];
  for (const block of blocks) {
    const last = runs[runs.length - 1];
    if (block.kind === 'terminal') {
      if (last?.kind === 'transcript' && last.user === block.user) last.blocks.push(block);
      else runs.push({ kind: 'transcript', user: block.user, blocks: [block] });
    } else {
      runs.push({ kind: 'text', block });
    }
  }
  return runs;
}

const NOTICE_EMOJI: Record<NoticeBlock['level'], string> = {
  info: 'ℹ️',
  success: '✅',
  warning: '⚠️',
  error: '❌',
};

export function promptLine(block: TerminalBlock): string {
  return codeLine(cutText(`${block.prompt} ${block.line}`, PROMPT_LINE_BUDGET));
}

function exitLine(blocks: readonly TerminalBlock[]): string | undefined {
  if (blocks.every((b) => b.exitCode === 0)) return undefined;
  if (blocks.length === 1) return `-# exit status ${blocks[0].exitCode}`;
  return `-# exit statuses: ${blocks.map((b) => b.exitCode).join(' ')}`;
}

/**
 * The message content with `units` units shown, each unit's output cut to at most `cap`
 * characters (Infinity: whole). A unit is one command of a transcript, or one text block.
 */
function layout(runs: readonly Run[], units: number, cap: number): { content: string; cut: boolean } {
  const parts: string[] = [];
  let cut = false;
  let left = units;
  for (const run of runs) {
    if (left <= 0) break;
    if (run.kind === 'text') {
      left -= 1;
      const prefix = run.block.kind === 'notice' ? `${NOTICE_EMOJI[run.block.level]} ` : '';
      const lines = run.block.text.split('\n').map((l) => l.replace(/\r$/, ''));
      const fitted = fitLines(lines, 'start', Math.max(0, cap - prefix.length), plainText);
      cut ||= fitted.cut;
      parts.push(prefix + fitted.lines.join('\n'));
      continue;
    }
    const shown = run.blocks.slice(0, left);
    left -= shown.length;
    const body: string[] = [];
    for (const block of shown) {
      body.push(promptLine(block));
      const fitted = fitLines(outputLines(block.output), block.keep, cap, codeLine);
      cut ||= fitted.cut || promptLine(block) !== codeLine(`${block.prompt} ${block.line}`);
      body.push(...fitted.lines);
    }
    if (shown.length < run.blocks.length) cut = true;
    parts.push(`**${plainText(cutText(run.user, USER_NAME_BUDGET))}**`);
    parts.push(`${FENCE}\n${body.join('\n')}\n${FENCE}`);
    const exit = exitLine(shown);
    if (exit) parts.push(exit);
  }
  const total = runs.reduce((n, r) => n + (r.kind === 'text' ? 1 : r.blocks.length), 0);
  if (units < total) {
    cut = true;
    parts.push(`-# ${moreCommandsMarker(total - units)}`);
  }
  return { content: parts.join('\n'), cut };
}

/**
 * The reply's content within `limit`: all of it when it fits; else every unit cut to the
 * same largest cap that fits (short outputs stay whole, long ones share the rest); else
 * as many leading units as fit at their smallest, with a marker for the others.
 */
export function fitContent(blocks: readonly Block[], limit: number = MESSAGE_CONTENT_LIMIT): { content: string; cut: boolean } {
  const runs = runsOf(blocks);
  const total = runs.reduce((n, r) => n + (r.kind === 'text' ? 1 : r.blocks.length), 0);
  const whole = layout(runs, total, Infinity);
  if (whole.content.length <= limit) return whole;

  let units = total;
  while (units > 1 && layout(runs, units, 0).content.length > limit) units -= 1;

  // Largest cap that fits. Length grows with the cap but for a marker shrinking by a digit,
  // so the binary search is followed by a check that walks down if needed.
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (layout(runs, units, mid).content.length <= limit) low = mid;
    else high = mid - 1;
  }
  let cap = low;
  let fitted = layout(runs, units, cap);
  while (fitted.content.length > limit && cap > 0) fitted = layout(runs, units, --cap);
  if (fitted.content.length > limit) {
    // Only reachable with absurd limits: a hard cut that still never splits a character.
    return { content: cutText(fitted.content, limit), cut: true };
  }
  return { content: fitted.content, cut: true };
}

/* ------------------------------------------------------------------------------------- */
/* The whole output, as a file                                                            */

/** The reply as plain terminal text, as a file: every prompt line and output in full. */
export function plainTranscript(blocks: readonly Block[]): string {
  const text = blocks
    .map((b) => {
      switch (b.kind) {
        case 'terminal': {
          const output = b.output === '' || b.output.endsWith('\n') ? b.output : b.output + '\n';
          return `[${b.user}] ${b.prompt} ${b.line}\n${output}${b.exitCode === 0 ? '' : `[exit ${b.exitCode}]\n`}`;
        }
        case 'text':
          return b.text.endsWith('\n') ? b.text : b.text + '\n';
        case 'notice':
          return `[modlab] ${b.text}\n`;
      }
    })
    .join('');
  return cutBytes(text, ATTACHMENT_BYTES_LIMIT);
}

/** At most `limit` UTF-8 bytes of `text`, cut at a line boundary. */
export function cutBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const note = `${ELLIPSIS} cut at ${limit} bytes\n`;
  let bytes = Buffer.byteLength(note);
  let out = '';
  for (const line of text.split('\n')) {
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > limit) break;
    out += line + '\n';
    bytes += size;
  }
  return out + note;
}

/* ------------------------------------------------------------------------------------- */
/* Buttons                                                                                */

type CustomIdStyle = APIButtonComponentWithCustomId['style'];

function button(customId: string, label: string, style: CustomIdStyle): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, custom_id: customId, label: cutText(label, BUTTON_LABEL_LIMIT), style };
}

const CHOICE_STYLE: Record<NonNullable<Choice['style']>, CustomIdStyle> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
};

/** A choice's custom_id; undefined when its id cannot fit Discord's 100 characters. */
export function choiceCustomId(id: string): string | undefined {
  const customId = CHOICE_ID_PREFIX + id;
  return customId.length <= CUSTOM_ID_LIMIT ? customId : undefined;
}

/** A button click back into the app's terms: the Choice.id, or the full-output key. */
export function parseCustomId(customId: string): { kind: 'choice'; id: string } | { kind: 'full-output'; key: string } | undefined {
  if (customId.startsWith(CHOICE_ID_PREFIX)) return { kind: 'choice', id: customId.slice(CHOICE_ID_PREFIX.length) };
  if (customId.startsWith(FULL_OUTPUT_ID_PREFIX)) return { kind: 'full-output', key: customId.slice(FULL_OUTPUT_ID_PREFIX.length) };
  return undefined;
}

export function buttonRows(buttons: readonly APIButtonComponentWithCustomId[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  const capped = buttons.slice(0, BUTTONS_PER_ROW * ROWS_PER_MESSAGE);
  for (let i = 0; i < capped.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: capped.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}

/* ------------------------------------------------------------------------------------- */

export function renderReply(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const { content, cut } = fitContent(reply.blocks);
  const buttons: APIButtonComponentWithCustomId[] = [];
  const fullOutput = cut && options.stash ? options.stash(plainTranscript(reply.blocks)) : undefined;
  const choiceRoom = BUTTONS_PER_ROW * ROWS_PER_MESSAGE - (fullOutput === undefined ? 0 : 1);
  for (const choice of reply.choices ?? []) {
    const customId = choiceCustomId(choice.id);
    if (customId === undefined || buttons.length >= choiceRoom) continue;
    buttons.push(button(customId, choice.label, CHOICE_STYLE[choice.style ?? 'secondary']));
  }
  if (fullOutput !== undefined) {
    buttons.push(button(FULL_OUTPUT_ID_PREFIX + fullOutput, 'Whole output as a file', ButtonStyle.Secondary));
  }
  const message: DiscordMessage = {
    content: content === '' ? ZERO_WIDTH_SPACE : content,
    components: buttonRows(buttons),
    allowedMentions: { parse: [] },
  };
  if (reply.visibility === 'user') message.flags = MessageFlags.Ephemeral;
  return message;
}

/** A short line for the user alone (refusals, failures), as a message. */
export function noticeMessage(level: NoticeBlock['level'], text: string): DiscordMessage {
  return renderReply({ blocks: [{ kind: 'notice', level, text }], visibility: 'user' });
}
