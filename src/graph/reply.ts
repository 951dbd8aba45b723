/**
 * `/modlab graph` and `lsmod --graph`: the conversation's module graph as a picture (PNG)
 * with an indented tree as its text fallback. The picture is drawn off the main thread
 * (DRAW: src/app's machine pool), since laying out a big graph would stall every other
 * conversation. A picture that cannot be drawn (over its budget, the WebAssembly layout
 * failing) still answers with the tree and says why, never an error.
 */
import type { Reply, ReplyFile } from '../contracts/reply';
import type { OffThreadResult } from '../contracts/off-thread';
import { moduleGraph, type ModuleGraph } from './model';
import { toDot } from './dot';
import { toTree } from './tree';
import type { System } from '../userland/tool';

export const GRAPH_FILE_NAME = 'modules.png';

/** Draws a DOT graph as a PNG, wherever that runs (src/teaching/off-thread.ts). */
export type DrawPicture = (dot: string) => Promise<OffThreadResult<Uint8Array>>;

/** The picture of GRAPH titled TITLE, or why it cannot be drawn. */
export function graphPicture(graph: ModuleGraph, title: string, draw: DrawPicture): Promise<OffThreadResult<Uint8Array>> {
  return draw(toDot(graph, title));
}

export async function graphReply(sys: System, title: string, by: string, draw: DrawPicture): Promise<Reply> {
  const graph = moduleGraph(sys);
  const tree = toTree(graph);
  const png = await graphPicture(graph, title, draw);
  const summary = `${by} drew the module graph of ${title}: ${graph.modules.length} modules loaded.`;
  if (!png.ok) {
    return {
      blocks: [{ kind: 'text', text: summary }, { kind: 'notice', level: 'warning', text: `The picture could not be drawn (${png.why}); here is the graph as text.` }, { kind: 'text', text: tree }],
      visibility: 'channel',
    };
  }
  const file: ReplyFile = { name: GRAPH_FILE_NAME, contentType: 'image/png', data: png.value, description: `Module graph of ${title}`, fallback: tree };
  return { blocks: [{ kind: 'text', text: summary }], files: [file], visibility: 'channel' };
}
