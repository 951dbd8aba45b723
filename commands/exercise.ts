/**
 * Exercises: a task for the class on a machine of its own, checked after every command.
 * Instructors start and stop them; everyone can list them, ask for a hint and see progress.
 */
import type { Command } from './context';
import { noticeReply } from '../src/contracts/reply';

export const exercise: Command = {
  data: {
    name: 'exercise',
    description: 'Exercises: list, start (instructors), hint, status, stop (instructors)',
    usage: 'exercise list | start NAME | hint | status | stop',
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
      { name: 'stop', description: 'End this conversation\'s exercise (instructors)', options: [], access: 'instructor' },
    ],
  },
  run(invocation, ctx) {
    const input = invocation.input;
    const words = input.kind === 'command' ? input.text.trim().split(/\s+/).filter((w) => w !== '') : [];
    const [sub = 'list', ...rest] = words;
    const teaching = ctx.teaching;
    switch (sub) {
      case 'list':
        return Promise.resolve(teaching.listExercises());
      case 'start': {
        const named = input.kind === 'command' ? input.options?.name : undefined;
        return teaching.startExercise(rest.join(' ') || (named === undefined ? '' : String(named)));
      }
      case 'hint':
        return teaching.hint();
      case 'status':
        return teaching.exerciseStatus();
      case 'stop':
        return teaching.stopExercise();
      default:
        return Promise.resolve(noticeReply('error', `exercise: unknown subcommand '${sub}'. Try: /exercise list, start NAME, hint, status, stop`));
    }
  },
};
