/** Assemble the bot from configuration: the store named by MODLAB_STORE, the commands, a clock. */
import type { App } from './app';
import type { Clock } from '../contracts/clock';
import { systemClock } from '../contracts/clock';
import type { Logger } from '../contracts/logger';
import { silentLogger } from '../contracts/logger';
import { Bot } from './bot';
import { MAX_DOCUMENT_BYTES } from '../contracts/budget';
import type { RateLimit } from './rate-limit';
import { commands } from '../../commands';
import { openStore, storeKind, type DocumentStore } from '../store';
import { ScopeStore } from '../scope/store';
import { freshScopeState } from '../scope/fresh';
import { DEFAULT_HOSTNAME } from '../machine/machine';
import { builtinExerciseFiles } from '../../exercises';
import { readExerciseFolder } from '../../exercises/folder';
import { buildExerciseSet } from '../teaching/exercise-set';
import { formatProblem } from '../teaching/exercise-file';

export interface AppOptions {
  /** MODLAB_STORE spec: "memory" | "sqlite:PATH" | "redis://…" | "postgres://…". */
  store: string;
  /** A store already open to use instead of opening STORE (a test's own Redis namespace or PostgreSQL schema); STORE still names its kind. */
  documents?: DocumentStore;
  clock?: Clock;
  logger?: Logger;
  /** uname -n of every machine (default "modlab"). */
  hostname?: string;
  /** Deadline of every store call, ms. */
  storeDeadlineMs?: number;
  /** MODLAB_EXERCISES: a folder of the instructors' own exercise files (*.json). */
  exercisesDir?: string;
  /** MODLAB_QUIZ_SECONDS: default time to answer a quiz (60). */
  quizSeconds?: number;
  /** How often quizzes whose time is up are revealed, ms (default 1000; 0: never, tests tick by hand). */
  quizTickMs?: number;
  /** Per-user flood protection (default 20 invocations per 10 s); false: none (the console). */
  rateLimit?: RateLimit | false;
  /**
   * Count the per-user flood limit in the store as well, so that it holds across processes
   * (default: on for Redis and PostgreSQL, the stores several processes share; a SQLite file
   * shared by Discord shards or Slack instances turns it on with MODLAB_SHARED_FLOOD=on).
   */
  sharedFlood?: boolean;
  /** MODLAB_PUBLIC_URL and MODLAB_SECRET: /modlab dashboard hands out sign-in links to this address. */
  dashboard?: { url: string; secret: string };
  /** Where machines run: 'workers' (default: a worker pool under each message's budget) or 'inline'. */
  sandbox?: 'workers' | 'inline';
}

export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const hostname = options.hostname ?? DEFAULT_HOSTNAME;
  const docs = options.documents ?? await openStore(options.store, { deadlineMs: options.storeDeadlineMs, maxDocumentBytes: MAX_DOCUMENT_BYTES });
  const store = new ScopeStore(docs, () => freshScopeState({ clock, hostname }), clock);
  const logger = options.logger ?? silentLogger;
  const folder = options.exercisesDir ? readExerciseFolder(options.exercisesDir) : { files: [], unreadable: [] };
  const exercises = buildExerciseSet({ builtin: builtinExerciseFiles, custom: folder.files });
  exercises.problems.push(...folder.unreadable.map((line) => ({ file: line.split(': ')[0] ?? line, field: '(file)', problem: `cannot be read: ${line.split(': ').slice(1).join(': ')}` })));
  for (const line of exercises.problems.map(formatProblem)) logger.warn(`exercise not loaded: ${line}`, { code: 'bad-config' });
  const bot = new Bot({ commands, store, clock, logger, hostname, rateLimit: options.rateLimit, sharedFlood: options.sharedFlood ?? ['redis', 'postgres'].includes(storeKind(options.store)), dashboard: options.dashboard, sandbox: options.sandbox, teaching: { exercises, quizSeconds: options.quizSeconds, tickMs: options.quizTickMs } });
  await bot.teaching.start();
  return bot;
}
