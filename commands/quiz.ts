/**
 * Quizzes: a multiple-choice question about module behaviour whose answer the simulator
 * computed, answered with buttons; revealed after the time limit or by an instructor.
 */
import type { Command } from './context';
import type { QuizRequest } from '../src/teaching/actions';
import { noticeReply } from '../src/contracts/reply';
import type { Reply } from '../src/contracts/reply';

/** "/quiz [ask] [TOPIC] [SECONDS] [seed=N]" → a request, or an error line. */
export function parseQuizWords(words: readonly string[], options: Record<string, string | number | boolean> = {}): QuizRequest | string {
  const request: QuizRequest = {};
  const topic = options.topic;
  if (typeof topic === 'string' && topic.trim() !== '') request.topic = topic.trim();
  if (options.seconds !== undefined) request.seconds = Number(options.seconds);
  if (options.seed !== undefined) request.seed = Number(options.seed);
  for (const word of words) {
    const seed = /^seed=(\d{1,10})$/.exec(word);
    if (seed) request.seed = Number(seed[1]);
    else if (/^\d{1,5}s?$/.test(word)) request.seconds = Number(word.replace(/s$/, ''));
    else if (/^[a-z0-9-]{1,40}$/.test(word) && request.topic === undefined) request.topic = word;
    else return `quiz: I do not understand "${word.slice(0, 40)}". Usage: /quiz [TOPIC] [SECONDS] [seed=N]`;
  }
  if (request.seed !== undefined && (!Number.isInteger(request.seed) || request.seed < 0 || request.seed > 0xffffffff)) return 'quiz: seed must be a whole number from 0 to 4294967295.';
  return request;
}

export const quiz: Command = {
  data: {
    name: 'quiz',
    description: 'A quiz question about kernel modules, answered with buttons',
    usage: 'quiz [ask] [TOPIC] [SECONDS] [seed=N] | reveal | scores | topics',
    access: 'everyone',
    options: [],
    subcommands: [
      {
        name: 'ask',
        description: 'Post a question (optionally on a topic) for everyone here',
        options: [
          { name: 'topic', description: 'lsmod, deps, modinfo, dmesg, taint, rmmod, init, errors, holders, gpl, params…', type: 'string', autocomplete: 'quiz-topics' },
          { name: 'seconds', description: 'Time to answer (default 60)', type: 'integer' },
          { name: 'seed', description: 'Reproduce a question by its seed', type: 'integer' },
        ],
        access: 'everyone',
      },
      { name: 'reveal', description: 'Reveal the open quiz now (instructors)', options: [], access: 'instructor' },
      { name: 'scores', description: 'The leaderboard of this conversation and of the whole server/workspace', options: [], access: 'everyone' },
      { name: 'topics', description: 'The quiz topics and templates', options: [], access: 'everyone' },
    ],
  },
  run(invocation, ctx): Promise<Reply> {
    const input = invocation.input;
    const words = input.kind === 'command' ? input.text.trim().split(/\s+/).filter((w) => w !== '') : [];
    const teaching = ctx.teaching;
    const first = words[0];
    if (first === 'reveal') return teaching.reveal();
    if (first === 'scores') return teaching.scores();
    if (first === 'topics') return Promise.resolve(teaching.quizTopics());
    // Discord gives the values twice (named options, and as words after the subcommand): the named ones win.
    const options = input.kind === 'command' ? input.options : undefined;
    const named = options !== undefined && ['topic', 'seconds', 'seed'].some((k) => options[k] !== undefined);
    const request = parseQuizWords(named ? [] : first === 'ask' ? words.slice(1) : words, options);
    if (typeof request === 'string') return Promise.resolve(noticeReply('error', request));
    return teaching.ask(request);
  },
};
