/**
 * The "Upload the whole output" button: a cut terminal block is kept on a shelf under a short
 * key (the button's value), and a click uploads it as a text file into the conversation
 * (files.uploadV2 = files.getUploadURLExternal, POST to the upload URL, files.completeUploadExternal).
 * The shelf (adapters/shelf.ts) lives in this process and is bounded: after a restart, or once 500 newer
 * outputs have been cut, the button answers that the output is gone.
 */
import { OutputShelf } from '../shelf';
import type { WebClient } from '@slack/web-api';
import type { TerminalBlock } from '../../src/contracts/reply';
import type { Conversation } from './invocations';

/** A file of more than this is cut (Slack takes far more; a lab's output never needs it). */
export const UPLOAD_BYTES_LIMIT = 5 * 1024 * 1024;

/** Cut terminal blocks kept for their button (adapters/shelf.ts). */
export type SlackShelf = OutputShelf<TerminalBlock>;

export function slackShelf(): SlackShelf {
  return new OutputShelf<TerminalBlock>((block) => block.output.length + block.line.length);
}

/** The file: the prompt line and the output, exactly as the terminal printed them. */
export function outputFile(block: TerminalBlock): { filename: string; content: string } {
  const tool = (block.line.trim().split(/\s+/)[0] ?? 'output').replace(/[^\w.-]/g, '') || 'output';
  let content = `${block.prompt} ${block.line}\n${block.output}`;
  if (Buffer.byteLength(content) > UPLOAD_BYTES_LIMIT) {
    content = Buffer.from(content).subarray(0, UPLOAD_BYTES_LIMIT).toString('utf8').replace(/\uFFFD$/, '');
  }
  return { filename: `${tool}-output.txt`, content };
}

export async function uploadOutput(client: WebClient, where: Conversation, block: TerminalBlock, who: string): Promise<void> {
  const { filename, content } = outputFile(block);
  const common = {
    channel_id: where.channel,
    filename,
    content,
    title: `${block.prompt} ${block.line}`.slice(0, 200),
    initial_comment: `Whole output of \`${block.line.slice(0, 200).replace(/[`<>&]/g, '')}\` (for ${who.replace(/[<>&]/g, '')})`,
  };
  await client.files.uploadV2(where.thread ? { ...common, thread_ts: where.thread } : common);
}
