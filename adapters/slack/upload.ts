/**
 * The "Upload the whole output" button: a cut terminal block is kept on a shelf under a short
 * key (the button's value), and a click uploads it as a text file into the conversation
 * (files.uploadV2 = files.getUploadURLExternal, POST to the upload URL, files.completeUploadExternal).
 * The shelf lives in this process and is bounded: after a restart, or once a thousand newer
 * outputs have been cut, the button answers that the output is gone.
 */
import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { TerminalBlock } from '../../src/contracts/reply';
import type { Conversation } from './invocations';

export const SHELF_SIZE = 1000;
/** A file of more than this is cut (Slack takes far more; a lab's output never needs it). */
export const UPLOAD_BYTES_LIMIT = 5 * 1024 * 1024;

export class OutputShelf {
  private readonly outputs = new Map<string, TerminalBlock>();

  constructor(private readonly size = SHELF_SIZE) {}

  put(block: TerminalBlock): string {
    const key = randomBytes(9).toString('base64url');
    this.outputs.set(key, block);
    while (this.outputs.size > this.size) this.outputs.delete(this.outputs.keys().next().value as string);
    return key;
  }

  get(key: string): TerminalBlock | undefined {
    return this.outputs.get(key);
  }
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
