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

/** A file sent with a reply: a picture of the module graph (image/png) or a text export. */
export interface ReplyFile {
  /** File name on the platform, e.g. "modules.png". */
  name: string;
  contentType: 'image/png' | 'text/plain' | 'text/csv' | 'application/json';
  data: Uint8Array;
  /** One line saying what it shows (alt text, upload title). */
  description: string;
  /** What to show instead where a file or image cannot be posted (an indented tree). */
  fallback?: string;
}

/**
 * A text box the adapter opens for the invoking user alone (`/edit FILE`), prefilled with
 * CONTENT; what they save comes back as editSave(path, text) (src/contracts/edit.ts).
 */
export interface EditRequest {
  /** The file as the user named it, for titles. */
  name: string;
  /** Where the save goes: absolute, found from the user's directory when the file was opened. */
  path: string;
  content: string;
  /** False for a new file: the box opens empty and the save creates it. */
  exists: boolean;
  /** What the box was opened on (src/machine/edit-file.ts editedVersion); the save sends it back. */
  version: string;
}

export interface Reply {
  blocks: Block[];
  /** Open a text editor on a file (the blocks say so where one cannot be opened). */
  edit?: EditRequest;
  choices?: Choice[];
  /** Files (images) the adapter uploads with the reply, or saves where it cannot. */
  files?: ReplyFile[];
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
