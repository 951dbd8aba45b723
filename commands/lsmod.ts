/**
 * /lsmod is kmod's lsmod on the machine, plus one addition of ours: `lsmod --graph` (kmod 30's
 * lsmod has no such option) answers with a picture of the module graph.
 */
import type { Command } from './context';
import { graph } from './graph';
import { toolCommand, toolLine } from './tool-command';
import { isGraphLine } from './graph-line';

const tool = toolCommand({
  data: {
    name: 'lsmod',
    description: 'Show the modules loaded in the kernel (kmod lsmod); --graph: a picture (ours)',
    usage: 'lsmod [--graph]   (--graph is a Modlab addition, not kmod\'s: a picture of who holds whom)',
    options: [],
  },
  lineOrder: [],
});

export const lsmod: Command = {
  data: tool.data,
  run: (invocation, ctx) => (isGraphLine(toolLine('lsmod', [], invocation)) ? graph(ctx) : tool.run(invocation, ctx)),
};
