/**
 * What the app hands back: platform-neutral blocks. Adapters fit them into the platform's
 * limits (adapters/<platform>/render.ts) and never cut a code block or a character in half.
 */

/** A terminal exchange: the prompt line with the command, then its output. */
export interface TerminalBlock {
  kind: 'terminal';
  /** Who ran it (display name), shown in the prompt. */
  user: string;
  /** The prompt as the shell shows it, e.g. "root@modlab:~#". */
  prompt: string;
  /** The command line as typed. */
  line: string;
  /** stdout+stderr merged, exactly as the tools printed it. */
  output: string;
  exitCode: number;
  /** Where to cut when the output is too long: logs keep their end, listings their start. */
  keep: 'start' | 'end';
}

export interface TextBlock {
  kind: 'text';
  /**
   * Plain text (adapters escape it for the platform), with one markup: `backticks` mark
   * inline code, such as a command to type, which adapters may show as code.
   */
  text: string;
}

export interface NoticeBlock {
  kind: 'notice';
  level: 'info' | 'success' | 'warning' | 'error';
  text: string;
}

export type Block = TerminalBlock | TextBlock | NoticeBlock;

/** A button. The adapter sends `id` back as an ActionInput when clicked. */
export interface Choice {
  /** ≤ 80 characters, so that it fits a Discord custom_id (100) and Slack action_id (255) with a prefix. */
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'danger';
}

export interface Reply {
  blocks: Block[];
  choices?: Choice[];
  /** 'user': only the invoking user sees it (ephemeral). */
  visibility: 'channel' | 'user';
  /**
   * Ask the adapter to open a thread (Discord thread / Slack parent message) named so. With
   * `claim`, the adapter then sends that action id from the new thread (as the same user),
   * so the app knows exactly which thread it opened, and posts the answer there.
   */
  openThread?: { name: string; claim?: string };
}

export function textReply(text: string, visibility: Reply['visibility'] = 'user'): Reply {
  return { blocks: [{ kind: 'text', text }], visibility };
}

export function noticeReply(level: NoticeBlock['level'], text: string, visibility: Reply['visibility'] = 'user'): Reply {
  return { blocks: [{ kind: 'notice', level, text }], visibility };
}
