/**
 * /quiz: a multiple-choice question whose answer a scratch machine computed (off the main
 * thread: off-thread.ts), answered with buttons, and revealed by an instructor or when its
 * time is up. The reveal timer lives here:
 * open quizzes are also listed in one small side document per platform (boards.ts), so a
 * restarted bot finds and reveals the overdue ones; each workspace's leaderboard is another.
 */
import type { Clock } from '../contracts/clock';
import type { Logger } from '../contracts/logger';
import type { Invocation, Platform, Scope } from '../contracts/invocation';
import { scopeKey } from '../contracts/invocation';
import type { Block, Reply } from '../contracts/reply';
import { noticeReply, textReply } from '../contracts/reply';
import { TEXTS } from '../contracts/texts';
import type { Announcer } from '../contracts/announcer';
import type { ScopeStore } from '../scope/store';
import type { QuizRequest } from './actions';
import { addScore, teachingOf, type OpenQuizEntry } from './state';
import { openQuizIndex, openQuizzesKey, scoreBoard, scoreBoardKey, withOpenQuiz } from './boards';
import { isTopic, templatesFor } from './quiz/question';
import type { OffThread } from './off-thread';
import { TOPICS } from './quiz/template';
import { templates } from './quiz/templates';
import { answerQuiz, answerReply, isOpen, leaderboard, openQuiz, parseChoiceId, questionReply, QUIZ_ACTION, revealQuiz, revealReply, type Reveal } from './quiz/play';

/** How often a timed reveal is posted before it is given up (one try per tick). */
const ANNOUNCE_TRIES = 5;

export const DEFAULT_QUIZ_SECONDS = 60;
export const MIN_QUIZ_SECONDS = 10;
export const MAX_QUIZ_SECONDS = 3600;
const PLATFORMS: Platform[] = ['console', 'discord', 'slack'];

export interface QuizzesOptions {
  store: ScopeStore;
  clock: Clock;
  logger: Logger;
  /** Where a question's scratch machines compute its answers: off the main thread in the bot (src/app's pool). */
  offThread: OffThread;
  /** Default time to answer a quiz, seconds (MODLAB_QUIZ_SECONDS). */
  quizSeconds?: number;
  /** How often the reveal timer looks for quizzes whose time is up, ms; 0: never (tests call tick()). */
  tickMs?: number;
}

export class Quizzes {
  /** One announcer per platform ('*' for one that names none). */
  private readonly announcers = new Map<string, Announcer>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly due = new Map<string, OpenQuizEntry>();
  /** Revealed quizzes whose announcement failed, by scope key, retried on the next ticks. */
  private readonly unannounced = new Map<string, { scope: Scope; reply: Reply; tries: number }>();
  private readonly quizSeconds: number;
  private seedCounter = 0;

  constructor(private readonly options: QuizzesOptions) {
    const seconds = options.quizSeconds;
    if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= MIN_QUIZ_SECONDS && seconds <= MAX_QUIZ_SECONDS)) {
      options.logger.warn(`quiz time limit ${seconds} is not ${MIN_QUIZ_SECONDS} to ${MAX_QUIZ_SECONDS} seconds; using ${DEFAULT_QUIZ_SECONDS}`, { code: 'bad-config' });
    }
    this.quizSeconds = seconds !== undefined && Number.isInteger(seconds) && seconds >= MIN_QUIZ_SECONDS && seconds <= MAX_QUIZ_SECONDS ? seconds : DEFAULT_QUIZ_SECONDS;
  }

  // ---- the reveal timer -------------------------------------------------------------------

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

  /** The announcer that posts to SCOPE's platform, if an adapter gave one. */
  announcerFor(scope: Scope): Announcer | undefined {
    return this.announcers.get(scope.platform) ?? this.announcers.get('*');
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

  // ---- questions, answers, reveals ---------------------------------------------------------

  handlesAction(id: string): boolean {
    return id.startsWith(QUIZ_ACTION);
  }

  /** A quiz button was clicked. */
  async answer(invocation: Invocation, id: string): Promise<Reply> {
    const parsed = parseChoiceId(id);
    if (!parsed) return noticeReply('info', TEXTS.buttonGone);
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

  topics(): Reply {
    return textReply(`Quiz topics: ${TOPICS.join(', ')}.\nTemplates: ${templates.map((t) => `${t.id} (${t.topic})`).join(', ')}.`, 'user');
  }

  /** Topics and template ids, for autocomplete. */
  topicNames(): string[] {
    return [...TOPICS, ...templates.map((t) => t.id)];
  }

  private newSeed(): number {
    this.seedCounter += 1;
    return (Math.imul(this.options.clock() >>> 0, 2654435761) ^ Math.imul(this.seedCounter, 40503)) >>> 0;
  }

  async ask(invocation: Invocation, request: QuizRequest): Promise<Reply> {
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
    const asked = await this.options.offThread.question(seed, topic);
    if (!asked.ok) return noticeReply('error', `No quiz question could be computed (${asked.why}); try /quiz again.`);
    const question = asked.value;
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

  async reveal(invocation: Invocation): Promise<Reply> {
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

  async scores(invocation: Invocation): Promise<Reply> {
    const here = teachingOf(await this.options.store.read(invocation.scope)).scores;
    const all = scoreBoard(await this.options.store.readDocument(scoreBoardKey(invocation.scope))).scores;
    const where = invocation.scope.platform === 'slack' ? 'this workspace' : invocation.scope.platform === 'discord' ? 'this server' : 'every conversation';
    return textReply(`${leaderboard('Quiz scores in this conversation', here)}\n${leaderboard(`Quiz scores in ${where}`, all)}`, 'channel');
  }
}
