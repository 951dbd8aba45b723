/**
 * The teaching features as the app uses them: /exercise and /quiz (through TeachingActions),
 * quiz buttons (ActionInput ids "quiz:…"), the check after every shell message in a scope,
 * an exercise thread's first use, and the timer that reveals quizzes whose time is up.
 * Every change goes through ScopeStore.update; open quizzes are also listed in one small
 * side document per platform (boards.ts), so that a restarted bot finds and reveals the
 * overdue ones, and each workspace's leaderboard is another.
 */
import type { Clock } from '../kernel/clock';
import type { Logger } from '../app/logger';
import type { Invocation, Platform, Scope, User } from '../app/invocation';
import { scopeKey } from '../app/invocation';
import type { Block, Reply, TerminalBlock } from '../app/reply';
import { noticeReply, textReply } from '../app/reply';
import { ModlabError } from '../app/errors';
import type { ScopeStore } from '../store/scope-store';
import type { ScopeState } from '../store/scope-state';
import type { MachineOptions } from '../machine/machine';
import type { Completion } from '../../commands/command';
import type { Announcer } from './announcer';
import type { QuizRequest, TeachingActions } from './actions';
import type { Exercise } from './exercise';
import { findExercise, type ExerciseSet } from './exercise-set';
import { formatProblem } from './exercise-file';
import { checklist, credits, installExercise } from './progress';
import { observeShell } from './after-shell';
import { addScore, teachingOf, type OpenQuizEntry } from './state';
import { threadCreatedAt } from './thread-time';
import { openQuizIndex, openQuizzesKey, scoreBoard, scoreBoardKey, withOpenQuiz } from './boards';
import { Scratch } from './quiz/scratch';
import { generateQuestion, isTopic, templatesFor } from './quiz/question';
import { TOPICS } from './quiz/template';
import { templates } from './quiz/templates';
import { answerQuiz, answerReply, isOpen, leaderboard, openQuiz, parseChoiceId, questionReply, QUIZ_ACTION, revealQuiz, revealReply, type Reveal } from './quiz/play';

/** Action id prefix of an adapter's claim of the thread it opened for an exercise. */
const CLAIM_ACTION = 'exercise-thread:';
/** How often a timed reveal is posted before it is given up (one try per tick). */
const ANNOUNCE_TRIES = 5;

export const DEFAULT_QUIZ_SECONDS = 60;
export const MIN_QUIZ_SECONDS = 10;
export const MAX_QUIZ_SECONDS = 3600;
/** How long an exercise waits for the first message in its new thread. */
const PENDING_MS = 24 * 3600 * 1000;
/** How much older than the exercise its thread's id may look (clocks of bot and platform differ). */
const THREAD_SKEW_MS = 5 * 60 * 1000;
const PLATFORMS: Platform[] = ['console', 'discord', 'slack'];
/** How many exercise conversations opened from a console conversation it remembers. */
const MAX_OPENED_LISTED = 10;

export interface TeachingOptions {
  store: ScopeStore;
  clock: Clock;
  logger: Logger;
  machine: MachineOptions & { hostname: string };
  exercises: ExerciseSet;
  /** Default time to answer a quiz, seconds (MODLAB_QUIZ_SECONDS). */
  quizSeconds?: number;
  /** How often the reveal timer looks for quizzes whose time is up, ms; 0: never (tests call tick()). */
  tickMs?: number;
}

export class Teaching {
  /** One announcer per platform ('*' for one that names none). */
  private readonly announcers = new Map<string, Announcer>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly due = new Map<string, OpenQuizEntry>();
  /** Revealed quizzes whose announcement failed, by scope key, retried on the next ticks. */
  private readonly unannounced = new Map<string, { scope: Scope; reply: Reply; tries: number }>();
  /** Thread scopes known to need no exercise claim (bounded; a cache only). */
  private readonly settled = new Set<string>();
  private readonly scratch: Scratch;
  private seedCounter = 0;

  constructor(private options: TeachingOptions) {
    this.scratch = new Scratch(options.machine.hostname);
    const seconds = options.quizSeconds;
    if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= MIN_QUIZ_SECONDS && seconds <= MAX_QUIZ_SECONDS)) {
      options.logger.warn(`quiz time limit ${seconds} is not ${MIN_QUIZ_SECONDS} to ${MAX_QUIZ_SECONDS} seconds; using ${DEFAULT_QUIZ_SECONDS}`, { code: 'bad-config' });
      this.options = { ...options, quizSeconds: undefined };
    }
  }

  get exercises(): ExerciseSet {
    return this.options.exercises;
  }

  private get quizSeconds(): number {
    return this.options.quizSeconds ?? DEFAULT_QUIZ_SECONDS;
  }

  /** Load the open quizzes of every platform and start the reveal timer. */
  async start(): Promise<void> {
    for (const platform of PLATFORMS) {
      try {
        const index = openQuizIndex(await this.options.store.readDocument(openQuizzesKey(platform)));
        for (const entry of index.openQuizzes) this.due.set(scopeKey(entry.scope), entry);
      } catch (error) {
        this.options.logger.warn('cannot read the open quizzes', { platform, cause: error instanceof Error ? error.message : String(error) });
      }
    }
    const tickMs = this.options.tickMs ?? 1000;
    if (tickMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.tick(), tickMs);
      this.timer.unref();
    }
  }

  setAnnouncer(announcer: Announcer): void {
    this.announcers.set(announcer.platform ?? '*', announcer);
    void this.tick();
  }

  private announcerFor(scope: Scope): Announcer | undefined {
    return this.announcers.get(scope.platform) ?? this.announcers.get('*');
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Reveal (and announce) every quiz whose time is up. Without an announcer they wait for the next click or /quiz. */
  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.revealDue().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async revealDue(): Promise<void> {
    const now = this.options.clock();
    // Reveals whose post failed (the platform was briefly unreachable) are posted again first.
    for (const [key, unsent] of [...this.unannounced]) {
      const announcer = this.announcerFor(unsent.scope);
      if (!announcer) continue;
      try {
        await announcer.post(unsent.scope, unsent.reply);
        this.unannounced.delete(key);
      } catch (error) {
        if (++unsent.tries >= ANNOUNCE_TRIES) this.unannounced.delete(key);
        this.options.logger.warn('quiz reveal post failed', { scope: key, tries: unsent.tries, cause: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const entry of [...this.due.values()]) {
      if (entry.deadline > now) continue;
      // A quiz of a platform with no announcer (yet) waits for the next click or /quiz there.
      const announcer = this.announcerFor(entry.scope);
      if (!announcer) continue;
      let reply: Reply | undefined;
      try {
        reply = await this.revealIn(entry.scope, entry.quizId, 'time');
        if (reply) await announcer.post(entry.scope, reply);
      } catch (error) {
        // Revealed but not posted: try again on the next ticks rather than lose the answer.
        if (reply) this.unannounced.set(scopeKey(entry.scope), { scope: entry.scope, reply, tries: 1 });
        this.options.logger.warn('quiz reveal failed', { scope: scopeKey(entry.scope), cause: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  // ---- hooks the app calls -------------------------------------------------------------

  /** After a message's shell lines ran in STATE (inside its store.update): observe them for the running exercise. */
  afterShell(state: ScopeState, user: User, blocks: readonly TerminalBlock[], klogFromSeq: number): Block[] {
    return observeShell(state, this.exercises, this.options.machine, this.options.clock(), user, blocks, klogFromSeq);
  }

  /**
   * Before anything runs in a thread: if the thread is new and its channel has an exercise
   * waiting for a thread (Slack, Discord), this thread gets it.
   */
  async prepare(scope: Scope): Promise<void> {
    if (!scope.thread) return;
    const key = scopeKey(scope);
    if (this.settled.has(key)) return;
    const store = this.options.store;
    const state = await store.read(scope);
    if (state.history.length > 0 || state.teaching?.exercise !== undefined) return this.settle(key);
    const parent: Scope = { platform: scope.platform, workspace: scope.workspace, channel: scope.channel };
    const now = this.options.clock();
    // A thread that existed before the exercise was started is someone else's conversation:
    // only a thread at least as new as the exercise (give or take clock skew) may take it.
    const createdAt = threadCreatedAt(scope);
    const claimed = await store.update(parent, (s) => {
      const t = teachingOf(s);
      t.pending = (t.pending ?? []).filter((p) => now - p.at < PENDING_MS);
      // An exercise whose adapter will claim its thread waits for that claim (see claimThread).
      const i = t.pending.findIndex((p) => p.claim === undefined && (createdAt === undefined || createdAt >= p.at - THREAD_SKEW_MS));
      return i < 0 ? undefined : t.pending.splice(i, 1)[0];
    });
    if (!claimed) return this.settle(key);
    const exercise = findExercise(this.exercises, claimed.id);
    if (!exercise) return this.settle(key);
    const installed = await store.update(scope, (s) => {
      if (s.history.length > 0 || teachingOf(s).exercise) return false;
      installExercise(s, exercise, this.options.machine, claimed.startedBy, now);
      return true;
    });
    if (!installed) await store.update(parent, (s) => void (teachingOf(s).pending ?? []).unshift(claimed));
    this.settle(key);
  }

  /**
   * The thread the adapter opened for a started exercise: it gets the exercise's machine, so
   * no other new thread of the channel can take it.
   */
  private async claimThread(scope: Scope, claim: string): Promise<Reply> {
    if (!scope.thread) return noticeReply('error', 'An exercise thread can only be claimed from a thread.');
    const store = this.options.store;
    const parent: Scope = { platform: scope.platform, workspace: scope.workspace, channel: scope.channel };
    const now = this.options.clock();
    const claimed = await store.update(parent, (s) => {
      const t = teachingOf(s);
      const i = (t.pending ?? []).findIndex((p) => p.claim === claim);
      return i < 0 ? undefined : t.pending?.splice(i, 1)[0];
    });
    const exercise = claimed ? findExercise(this.exercises, claimed.id) : undefined;
    if (!claimed || !exercise) return { blocks: [], visibility: 'channel' };
    await store.update(scope, (s) => installExercise(s, exercise, this.options.machine, claimed.startedBy, now));
    this.settle(scopeKey(scope));
    return { blocks: [{ kind: 'notice', level: 'info', text: `This thread runs the exercise "${exercise.title}" on a freshly booted machine of its own.` }], visibility: 'channel' };
  }

  private settle(key: string): void {
    if (this.settled.size > 10_000) this.settled.clear();
    this.settled.add(key);
  }

  handlesAction(id: string): boolean {
    return id.startsWith(QUIZ_ACTION) || id.startsWith(CLAIM_ACTION);
  }

  /** A quiz button was clicked, or an adapter claims the thread it opened for an exercise. */
  async action(invocation: Invocation): Promise<Reply> {
    if (invocation.input.kind !== 'action') return noticeReply('error', 'Not a button.');
    if (invocation.input.id.startsWith(CLAIM_ACTION)) return this.claimThread(invocation.scope, invocation.input.id);
    const parsed = parseChoiceId(invocation.input.id);
    if (!parsed) return noticeReply('info', 'This button is no longer active.');
    const { scope, user } = invocation;
    const now = this.options.clock();
    const result = await this.options.store.update(scope, (state) => {
      const teaching = teachingOf(state);
      const answer = answerQuiz(teaching, parsed.quizId, parsed.choice, user, now);
      return { answer, quiz: teaching.quiz };
    });
    if (result.answer.kind === 'due') {
      const reply = await this.revealIn(scope, parsed.quizId, 'time');
      if (reply) return { ...reply, blocks: [{ kind: 'notice', level: 'info', text: `${user.name}, your click came after the time limit.` }, ...reply.blocks] };
    }
    return answerReply(result.answer, result.quiz);
  }

  complete(source: Completion, prefix: string, limit: number): string[] {
    const all = source === 'exercises' ? this.exercises.exercises.map((e) => e.id) : source === 'quiz-topics' ? [...TOPICS, ...templates.map((t) => t.id)] : [];
    return all.filter((name) => name.startsWith(prefix.toLowerCase())).slice(0, limit);
  }

  // ---- /exercise and /quiz -------------------------------------------------------------

  actions(invocation: Invocation): TeachingActions {
    return {
      listExercises: () => this.listExercises(invocation),
      startExercise: (name) => this.startExercise(invocation, name),
      hint: () => this.hint(invocation),
      exerciseStatus: () => this.exerciseStatus(invocation),
      stopExercise: () => this.stopExercise(invocation),
      ask: (request) => this.ask(invocation, request),
      reveal: () => this.reveal(invocation),
      scores: () => this.scores(invocation),
      quizTopics: () => textReply(`Quiz topics: ${TOPICS.join(', ')}.\nTemplates: ${templates.map((t) => `${t.id} (${t.topic})`).join(', ')}.`, 'user'),
    };
  }

  private listExercises(invocation: Invocation): Reply {
    const lines = ['Exercises (an instructor starts one with /exercise start NAME):'];
    for (const e of this.exercises.exercises) lines.push(`  ${e.id.padEnd(26)} ${e.title}${e.source === 'built-in' ? '' : ` [${e.source}]`}`);
    if (this.exercises.problems.length > 0 && invocation.user.roles.includes('instructor')) {
      lines.push('Exercise files that could not be loaded:');
      for (const p of this.exercises.problems) lines.push(`  ${formatProblem(p)}`);
    }
    return textReply(lines.join('\n'), 'user');
  }

  private taskBlocks(exercise: Exercise, platform: Scope['platform']): Block[] {
    // Slack runs no slash commands in threads: there the class talks to the bot by mention.
    const how = platform === 'slack' ? '@Modlab exercise hint gives a hint, @Modlab exercise status shows what is done.' : '/exercise hint gives a hint, /exercise status shows what is done.';
    return [
      { kind: 'notice', level: 'info', text: `Exercise: ${exercise.title}` },
      { kind: 'text', text: `${exercise.task}\n\nEveryone here shares this machine. ${how}` },
    ];
  }

  private async startExercise(invocation: Invocation, name: string): Promise<Reply> {
    const exercise = findExercise(this.exercises, name);
    if (!exercise) {
      return noticeReply('error', name.trim() === '' ? 'Which one? /exercise start NAME (see /exercise list).' : `No exercise named "${name.trim()}". See /exercise list.`);
    }
    const { scope, user } = invocation;
    const store = this.options.store;
    const now = this.options.clock();
    if (scope.platform === 'console') {
      // The console has no threads: a new conversation, named so that :in can reach it.
      const target = await store.update(scope, (s): Scope => {
        const t = teachingOf(s);
        t.opened = (t.opened ?? 0) + 1;
        const channel = `${exercise.id}-${t.opened}`;
        t.openedHere = [...(t.openedHere ?? []), channel].slice(-MAX_OPENED_LISTED);
        return { platform: scope.platform, workspace: scope.workspace, channel };
      });
      await this.installFresh(target, exercise, user.name, now);
      return {
        blocks: [
          { kind: 'notice', level: 'success', text: `${user.name} opened the exercise "${exercise.title}" in the conversation ${target.channel}. Switch to it with :in ${target.channel}` },
          ...this.taskBlocks(exercise, scope.platform),
        ],
        visibility: 'channel',
      };
    }
    if (scope.thread) {
      // Already in a thread (a Discord thread cannot hold another): the exercise takes this one.
      await this.installFresh(scope, exercise, user.name, now);
      this.settle(scopeKey(scope));
      return { blocks: [{ kind: 'notice', level: 'success', text: `${user.name} started the exercise here, on a freshly booted machine.` }, ...this.taskBlocks(exercise, scope.platform)], visibility: 'channel' };
    }
    const claim = `${CLAIM_ACTION}${exercise.id}:${now.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`.slice(0, 80);
    await store.update(scope, (s) => {
      const t = teachingOf(s);
      t.pending = [...(t.pending ?? []).filter((p) => now - p.at < PENDING_MS), { id: exercise.id, startedBy: user.name, at: now, claim }].slice(-20);
    });
    return {
      blocks: [
        { kind: 'notice', level: 'success', text: `${user.name} started the exercise "${exercise.title}". It runs in this thread, on a machine of its own.` },
        ...this.taskBlocks(exercise, scope.platform),
      ],
      visibility: 'channel',
      openThread: { name: `Exercise: ${exercise.title}`.slice(0, 100), claim },
    };
  }

  private async installFresh(scope: Scope, exercise: Exercise, startedBy: string, now: number): Promise<void> {
    const install = (s: ScopeState): void => installExercise(s, exercise, this.options.machine, startedBy, now);
    try {
      await this.options.store.update(scope, install);
    } catch (error) {
      if (!(error instanceof ModlabError) || error.code !== 'state-damaged') throw error;
      await this.options.store.reset(scope);
      await this.options.store.update(scope, install);
    }
  }

  private noExercise(scope: Scope, state?: ScopeState): Reply {
    const where = scope.platform === 'console' ? 'conversation (/exercise start opens a new one; switch with :in)' : 'conversation (exercises run in their own thread)';
    const reply = noticeReply('info', `No exercise is running in this ${where}. See /exercise list.`);
    // An instructor back in the lab after /exercise start: say where the exercises went.
    const opened = state ? teachingOf(state).openedHere ?? [] : [];
    if (opened.length > 0) reply.blocks.push({ kind: 'text', text: `Exercises opened from here: ${opened.join(', ')} (switch with :in NAME).` });
    return reply;
  }

  private async hint(invocation: Invocation): Promise<Reply> {
    await this.prepare(invocation.scope);
    const result = await this.options.store.update(invocation.scope, (s) => {
      const progress = teachingOf(s).exercise;
      if (!progress) return undefined;
      const exercise = findExercise(this.exercises, progress.id);
      if (!exercise) return undefined;
      if (exercise.hints.length === 0) return { text: 'This exercise has no hints.', n: 0, of: 0 };
      const n = Math.min(progress.hintsShown + 1, exercise.hints.length);
      progress.hintsShown = Math.max(progress.hintsShown, n);
      return { text: exercise.hints[n - 1] ?? '', n, of: exercise.hints.length };
    });
    if (!result) return this.noExercise(invocation.scope);
    const head = result.of ? `Hint ${result.n} of ${result.of} (asked by ${invocation.user.name}): ` : '';
    return textReply(`${head}${result.text}`, 'channel');
  }

  private async exerciseStatus(invocation: Invocation): Promise<Reply> {
    await this.prepare(invocation.scope);
    const state = await this.options.store.read(invocation.scope);
    const t = teachingOf(state);
    const progress = t.exercise;
    const exercise = progress && findExercise(this.exercises, progress.id);
    if (!progress || !exercise) {
      const pending = (t.pending ?? []).map((p) => p.id);
      const reply = this.noExercise(invocation.scope, state);
      if (pending.length) reply.blocks.push({ kind: 'text', text: `Waiting for their thread's first message: ${pending.join(', ')}.` });
      return reply;
    }
    const state_ = progress.solvedAt !== undefined ? 'solved' : progress.stoppedAt !== undefined ? 'stopped' : 'in progress';
    const lines = [
      `Exercise: ${exercise.title} (${exercise.id}), ${state_}; started by ${progress.startedBy}.`,
      exercise.task,
      'Goal:',
      ...checklist(state, exercise, this.options.machine).map((l) => `  ${l}`),
      `Hints shown: ${progress.hintsShown} of ${exercise.hints.length}.`,
      `Contributors: ${credits(progress)}.`,
    ];
    return textReply(lines.join('\n'), 'user');
  }

  private async stopExercise(invocation: Invocation): Promise<Reply> {
    const now = this.options.clock();
    const progress = await this.options.store.update(invocation.scope, (s) => {
      const p = teachingOf(s).exercise;
      if (!p || p.stoppedAt !== undefined) return undefined;
      p.stoppedAt = now;
      return { ...p };
    });
    if (!progress) return this.noExercise(invocation.scope);
    const outcome = progress.solvedAt !== undefined ? 'It was solved' : 'It was not solved';
    return noticeReply('info', `${invocation.user.name} stopped the exercise "${progress.title}". ${outcome}; contributors: ${credits(progress)}. The machine stays as it is.`, 'channel');
  }

  private newSeed(): number {
    this.seedCounter += 1;
    return (Math.imul(this.options.clock() >>> 0, 2654435761) ^ Math.imul(this.seedCounter, 40503)) >>> 0;
  }

  private async ask(invocation: Invocation, request: QuizRequest): Promise<Reply> {
    const { scope, user } = invocation;
    const topic = request.topic?.trim().toLowerCase() || undefined;
    if (topic !== undefined && !isTopic(topic) && templatesFor(topic).length === 0) {
      return noticeReply('error', `No quiz topic "${topic}". Topics: ${TOPICS.join(', ')}.`);
    }
    const seconds = request.seconds ?? this.quizSeconds;
    if (!Number.isInteger(seconds) || seconds < MIN_QUIZ_SECONDS || seconds > MAX_QUIZ_SECONDS) {
      return noticeReply('error', `The time to answer must be ${MIN_QUIZ_SECONDS} to ${MAX_QUIZ_SECONDS} seconds.`);
    }
    const before: Block[] = [];
    const current = teachingOf(await this.options.store.read(scope)).quiz;
    if (isOpen(current)) {
      if (current.deadline > this.options.clock()) {
        const left = Math.ceil((current.deadline - this.options.clock()) / 1000);
        return noticeReply('info', `A quiz is already open here (${left} s left). Answer it, or an instructor can end it with /quiz reveal.`);
      }
      const revealed = await this.revealIn(scope, current.id, 'time');
      if (revealed) before.push(...revealed.blocks);
    }
    const seed = request.seed ?? this.newSeed();
    const question = generateQuestion(this.scratch, seed, topic);
    if (!question) return noticeReply('error', `No question could be made for seed ${seed}${topic ? ` and topic ${topic}` : ''}; try another seed.`);
    const now = this.options.clock();
    const quiz = await this.options.store.update(scope, (s) => {
      const t = teachingOf(s);
      if (isOpen(t.quiz)) return undefined;
      return openQuiz(t, question, user.name, now, seconds);
    });
    if (!quiz) return noticeReply('info', 'Someone else just opened a quiz here; answer that one.');
    const entry: OpenQuizEntry = { scope, quizId: quiz.id, deadline: quiz.deadline };
    this.due.set(scopeKey(scope), entry);
    await this.options.store.updateDocument(openQuizzesKey(scope.platform), (doc) => ({ doc: withOpenQuiz(openQuizIndex(doc), scope, entry), result: undefined }));
    const reply = questionReply(quiz);
    return { ...reply, blocks: [...before, ...reply.blocks] };
  }

  private async reveal(invocation: Invocation): Promise<Reply> {
    const reply = await this.revealIn(invocation.scope, undefined, 'request');
    return reply ?? noticeReply('info', 'No quiz is open here. Start one with /quiz.');
  }

  /** Reveal the scope's open quiz (QUIZID when given): once, whoever asks first. */
  private async revealIn(scope: Scope, quizId: string | undefined, why: 'time' | 'request'): Promise<Reply | undefined> {
    const now = this.options.clock();
    const reveal = await this.options.store.update(scope, (s): Reveal | undefined => {
      const t = teachingOf(s);
      if (!isOpen(t.quiz) || (quizId !== undefined && t.quiz.id !== quizId)) return undefined;
      return revealQuiz(t, now);
    });
    const entry = this.due.get(scopeKey(scope));
    if (entry && (quizId === undefined || entry.quizId === quizId || reveal)) this.due.delete(scopeKey(scope));
    if (!reveal) return undefined;
    await this.options.store.updateDocument(openQuizzesKey(scope.platform), (doc) => ({ doc: withOpenQuiz(openQuizIndex(doc), scope, undefined, reveal.quiz.id), result: undefined }));
    if (reveal.outcomes.length > 0) {
      await this.options.store.updateDocument(scoreBoardKey(scope), (doc) => {
        const board = scoreBoard(doc);
        for (const o of reveal.outcomes) addScore(board.scores, o.userId, o.name, o.right);
        return { doc: board, result: undefined };
      });
    }
    return revealReply(reveal, why);
  }

  private async scores(invocation: Invocation): Promise<Reply> {
    const here = teachingOf(await this.options.store.read(invocation.scope)).scores;
    const all = scoreBoard(await this.options.store.readDocument(scoreBoardKey(invocation.scope))).scores;
    const where = invocation.scope.platform === 'slack' ? 'this workspace' : invocation.scope.platform === 'discord' ? 'this server' : 'every conversation';
    return textReply(`${leaderboard('Quiz scores in this conversation', here)}\n${leaderboard(`Quiz scores in ${where}`, all)}`, 'channel');
  }
}
