/**
 * Exercises: a task for the class on a machine of its own, checked after every command.
 * Instructors start, stop and reset them; everyone can list them, ask for a hint, see
 * progress, and restart an attempt in progress from its start.
 */
import type { Command, CommandContext } from './context';
import { noticeReply, type Reply } from '../src/contracts/reply';

export const exercise: Command = {
  data: {
    name: 'exercise',
    description: 'Exercises: list, start, hint, status, restart, stop and reset (instructors)',
    usage: 'exercise list | start NAME | hint | status | restart | stop | reset [CONVERSATION]',
    access: 'everyone',
    options: [],
    subcommands: [
      { name: 'list', description: 'The exercises this bot offers', options: [], access: 'everyone' },
      {
        name: 'start',
        description: 'Open an exercise in a new thread with its own machine (instructors)',
        options: [{ name: 'name', description: 'The exercise, e.g. rmmod-in-use', type: 'string', required: true, autocomplete: 'exercises' }],
        access: 'instructor',
      },
      { name: 'hint', description: 'The next hint of this conversation\'s exercise', options: [], access: 'everyone' },
      { name: 'status', description: 'The task, what is done, and who contributed', options: [], access: 'everyone' },
      { name: 'restart', description: 'This conversation\'s exercise again from its start: its machine and progress', options: [], access: 'everyone' },
      { name: 'stop', description: 'End this conversation\'s exercise (instructors)', options: [], access: 'instructor' },
      {
        name: 'reset',
        description: 'Restart an exercise, solved or not, here or in a conversation of /exercise list (instructors)',
        options: [{ name: 'conversation', description: 'As /exercise list names it; this conversation when left out', type: 'string' }],
        access: 'instructor',
      },
    ],
  },
  run(invocation, ctx) {
    const input = invocation.input;
    const words = input.kind === 'command' ? input.text.trim().split(/\s+/).filter((w) => w !== '') : [];
    const [sub = 'list', ...rest] = words;
    const teaching = ctx.teaching;
    switch (sub) {
      case 'list':
        return withThreads(teaching.listExercises(), ctx);
      case 'start': {
        const named = input.kind === 'command' ? input.options?.name : undefined;
        return teaching.startExercise(rest.join(' ') || (named === undefined ? '' : String(named)));
      }
      case 'hint':
        return teaching.hint();
      case 'status':
        return teaching.exerciseStatus();
      case 'restart':
        return teaching.restartExercise();
      case 'stop':
        return teaching.stopExercise();
      case 'reset': {
        const named = input.kind === 'command' ? input.options?.conversation : undefined;
        return reset(rest.join(' ') || (named === undefined ? '' : String(named)), ctx);
      }
      default:
        return Promise.resolve(noticeReply('error', `exercise: unknown subcommand '${sub}'. Try: /exercise list, start NAME, hint, status, restart, stop, reset`));
    }
  },
};

/** The list of exercises, then which conversations of the workspace run one: open or done. */
async function withThreads(list: Reply, ctx: CommandContext): Promise<Reply> {
  const { platform, workspace } = ctx.invocation.scope;
  const threads = (await ctx.classView.conversations(platform, workspace)).flatMap((c) =>
    c.exercise ? [{ conversation: c.name, exercise: c.exercise.id, state: c.exercise.state === 'solved' ? 'done' : c.exercise.state, contributors: c.exercise.contributors.map((p) => p.name) }] : [],
  );
  if (threads.length === 0) return list;
  const lines = threads.map((t) => `  ${t.conversation}: ${t.exercise} (${t.state}${t.contributors.length ? `; ${t.contributors.join(', ')}` : ''})`);
  return { ...list, blocks: [...list.blocks, { kind: 'text', text: ['Exercise conversations in this workspace (done or open):', ...lines].join('\n') }] };
}

/** /exercise reset [CONVERSATION]: here, or the workspace's conversation of that name (as /exercise list shows it). */
async function reset(name: string, ctx: CommandContext): Promise<Reply> {
  if (name === '') return ctx.teaching.resetExercise();
  const { platform, workspace } = ctx.invocation.scope;
  const found = (await ctx.classView.conversations(platform, workspace)).find((c) => c.name === name || c.key === name);
  if (!found) return noticeReply('error', `No conversation named "${name}" in this workspace. /exercise list names the exercise conversations.`);
  return ctx.teaching.resetExercise(found.scope);
}
