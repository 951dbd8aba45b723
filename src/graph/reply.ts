/**
 * `/modlab graph` and `lsmod --graph`: the conversation's module graph as a picture (PNG)
 * with an indented tree as its text fallback. A picture that cannot be drawn (the
 * WebAssembly layout failing) still answers with the tree, never an error.
 */
import type { Reply, ReplyFile } from '../contracts/reply';
import type { Logger } from '../contracts/logger';
import { moduleGraph, type ModuleGraph } from './model';
import { toDot } from './dot';
import { toTree } from './tree';
import { dotToPng } from './png';
import type { System } from '../userland/tool';

export const GRAPH_FILE_NAME = 'modules.png';

/** The picture of SYS's graph titled TITLE, or undefined when it cannot be drawn. */
export async function graphPicture(graph: ModuleGraph, title: string, logger?: Logger): Promise<Uint8Array | undefined> {
  try {
    return await dotToPng(toDot(graph, title));
  } catch (error) {
    logger?.error('module graph picture failed', { code: 'internal', cause: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

export async function graphReply(sys: System, title: string, by: string, logger?: Logger): Promise<Reply> {
  const graph = moduleGraph(sys);
  const tree = toTree(graph);
  const png = await graphPicture(graph, title, logger);
  const summary = `${by} drew the module graph of ${title}: ${graph.modules.length} modules loaded.`;
  if (!png) return { blocks: [{ kind: 'text', text: summary }, { kind: 'text', text: tree }], visibility: 'channel' };
  const file: ReplyFile = { name: GRAPH_FILE_NAME, contentType: 'image/png', data: png, description: `Module graph of ${title}`, fallback: tree };
  return { blocks: [{ kind: 'text', text: summary }], files: [file], visibility: 'channel' };
}
