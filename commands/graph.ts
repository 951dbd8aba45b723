/**
 * `/modlab graph` and `lsmod --graph` (commands/graph-line.ts): the conversation's module graph
 * as a picture with its text tree as the fallback (src/graph), read without changing the machine;
 * the picture is drawn off the main thread (ctx.offThread).
 */
import type { CommandContext } from './context';
import type { Reply } from '../src/contracts/reply';
import { openSystem } from '../src/machine/machine';
import { conversationName } from '../src/scope/conversations';
import { graphReply } from '../src/graph/reply';

export async function graph(ctx: CommandContext): Promise<Reply> {
  const state = await ctx.scope.read();
  return graphReply(openSystem(state.machine, ctx.machine, state.history), conversationName(ctx.invocation.scope), ctx.invocation.user.name, (dot) => ctx.offThread.draw(dot));
}
