/**
 * The platform-neutral bot: Invocation → Reply. Routes to commands/, enforces access,
 * message size and flood limits once (every input kind: commands, clicks, modals,
 * autocomplete), hands the command its conversation's document (every change inside one
 * store update) and its machine step under the message's budget (sandbox/), and turns
 * failures into one helpful line for the user and a coded line in the log. What a command
 * does is in commands/<name>.ts.
 */
import { randomUUID } from 'node:crypto';
import type { App } from './app';
import { scopeKey, threadClaim, type Invocation, type Platform, type Scope } from '../contracts/invocation';
import type { Reply } from '../contracts/reply';
import { noticeReply } from '../contracts/reply';
import { TEXTS } from '../contracts/texts';
import type { Completion } from '../contracts/command';
import type { Command, CommandContext } from '../../commands/context';
import type { Clock } from '../contracts/clock';
import { systemClock } from '../contracts/clock';
import type { Logger } from '../contracts/logger';
import type { ScopeStore } from '../scope/store';
import type { StoreHealth } from '../store/health';
import type { MachineOptions } from '../machine/machine';
import { mayRun } from './access';
import { DEFAULT_RATE_LIMIT, Flood, RateLimiter, type RateLimit } from './rate-limit';
import { COMPLETE_FLOOD, MAX_DOCUMENT_BYTES, MAX_MESSAGE_CHARS } from '../contracts/budget';
import { Sandbox } from './sandbox/sandbox';
import { asModlabError, ModlabError } from '../contracts/errors';
// Teaching features (exercises, quizzes): src/teaching.
import { Teaching, type TeachingOptions } from '../teaching/teaching';
import type { Announcer } from '../contracts/announcer';
// The workspace's conversations, its snapshots and the dashboard's view of the class.
import { ConversationIndex } from '../scope/conversations';
import { snapshotShelf } from '../scope/snapshots';
import { ClassView } from '../teaching/class-view';

export interface BotOptions {
  commands: readonly Command[];
  store: ScopeStore;
  clock: Clock;
  logger: Logger;
  hostname: string;
  /** Per-user flood limit (per-conversation and autocomplete limits: src/contracts/budget.ts); false turns flood protection off (the console: one person's own terminal). */
  rateLimit?: RateLimit | false;
  /** Count the per-user flood limit in the store too, for every process sharing it (rate-limit.ts). */
  sharedFlood?: boolean;
  /** The instructors' dashboard (adapters/web): its public address and the signing secret. */
  dashboard?: { url: string; secret: string };
  /** Where machines run: 'workers' (default, budgeted) or 'inline' (this thread, no budget). */
  sandbox?: 'workers' | 'inline';
  /** Exercises on offer, quiz time limit, reveal timer (src/teaching). */
  teaching: Pick<TeachingOptions, 'exercises' | 'quizSeconds' | 'tickMs'>;
}

export class Bot implements App {
  readonly commands: readonly Command[];
  private readonly byName: ReadonlyMap<string, Command>;
  private readonly flood: Flood | undefined;
  private readonly completeLimiter: RateLimiter | undefined;
  private readonly sandbox: Sandbox;
  private readonly machine: MachineOptions & { hostname: string };
  private inflight = new Set<Promise<Reply>>();
  private closing = false;
  readonly teaching: Teaching;
  private readonly index: ConversationIndex;
  /** What the instructors' dashboard reads (adapters/web). */
  readonly classView: ClassView;

  constructor(private readonly options: BotOptions) {
    this.commands = options.commands;
    this.byName = new Map(options.commands.map((c) => [c.data.name, c]));
    const shared = options.sharedFlood ? { count: (key: string, limit: RateLimit) => options.store.takeFlood(key, limit), logger: options.logger } : undefined;
    this.flood = options.rateLimit === false ? undefined : new Flood(options.clock, options.rateLimit ?? DEFAULT_RATE_LIMIT, undefined, shared);
    this.completeLimiter = options.rateLimit === false ? undefined : new RateLimiter(options.clock, COMPLETE_FLOOD);
    this.machine = { clock: options.clock, hostname: options.hostname };
    this.sandbox = new Sandbox({
      store: options.store,
      logger: options.logger,
      hostname: options.hostname,
      // The system clock is read in each worker; with an injected one (tests) machines run inline.
      clock: options.clock === systemClock ? undefined : options.clock,
      exercises: options.teaching.exercises,
      maxDocumentBytes: MAX_DOCUMENT_BYTES,
      mode: options.sandbox,
    });
    this.index = new ConversationIndex(options.store, options.clock);
    this.classView = new ClassView(options.store, this.index, this.machine, this.sandbox.offThread, options.teaching.exercises);
    this.teaching = new Teaching({ ...options.teaching, noteConversation: (scope) => this.index.note(scope), store: options.store, clock: options.clock, logger: options.logger, machine: this.machine, offThread: this.sandbox.offThread });
  }

  firstTime(name: string, ttlMs: number): Promise<boolean> {
    // A new owner per call: a second ask, from this process or another, finds the lease held.
    return this.options.store.claim(name, randomUUID(), ttlMs);
  }

  health(): Promise<StoreHealth> {
    return this.options.store.health();
  }

  setAnnouncer(announcer: Announcer): void {
    this.teaching.setAnnouncer(announcer);
  }

  handle(invocation: Invocation): Promise<Reply> {
    if (this.closing) return Promise.resolve(noticeReply('warning', TEXTS.restarting));
    const work = this.dispatch(invocation);
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  async perform(invocation: Invocation): Promise<Reply> {
    const reply = await this.handle(invocation);
    if (reply.visibility !== 'channel') return reply;
    const announcer = this.teaching.announcerFor(invocation.scope);
    const unsaid = (why: string): Reply => ({ ...reply, blocks: [...reply.blocks, { kind: 'notice', level: 'warning', text: `Done, but not posted in the chat: ${why}.` }] });
    if (!announcer) return unsaid(`no ${invocation.scope.platform} adapter runs in this process`);
    try {
      const opened = await announcer.post(invocation.scope, reply);
      const claim = reply.openThread?.claim;
      if (claim && opened) {
        const claimed = await this.handle(threadClaim(invocation, opened, claim));
        if (claimed.blocks.length > 0 && claimed.visibility === 'channel') await announcer.post(opened, claimed);
      }
      return reply;
    } catch (error) {
      this.options.logger.warn('posting a dashboard action failed', { code: 'platform', invocation: invocation.id, scope: scopeKey(invocation.scope), cause: error instanceof Error ? error.message : String(error) });
      return unsaid('the platform refused the message');
    }
  }

  private async dispatch(invocation: Invocation): Promise<Reply> {
    try {
      const input = invocation.input;
      // Every input kind counts against its user's and its conversation's flood limits, clicks included.
      const flood = await this.flood?.take(invocation);
      if (flood) {
        const who = flood.who === 'user' ? 'You are' : 'This conversation is';
        throw new ModlabError('cooldown', `${who} sending ${input.kind === 'action' ? 'clicks' : 'commands'} faster than the class can read them; wait ${flood.seconds} s.`);
      }
      if (input.kind === 'command' && input.text.length > MAX_MESSAGE_CHARS) {
        throw new ModlabError('over-budget', `That message is ${input.text.length} characters long; one message may carry at most ${MAX_MESSAGE_CHARS}.`);
      }
      if (input.kind === 'action') {
        if (this.teaching.handlesAction(input.id)) return await this.teaching.action(invocation);
        return noticeReply('info', TEXTS.buttonGone);
      }
      const command = this.byName.get(input.command);
      if (!command) return noticeReply('error', `Unknown command /${input.command}. Try /modlab help.`);
      if (!mayRun(command, invocation)) {
        throw new ModlabError('forbidden', `Only instructors may run /${command.data.name} ${input.text.trim().split(/\s+/)[0] ?? ''}`.trim() + '.');
      }
      // A new thread may be the one an exercise was started for: give it the exercise's machine first.
      await this.teaching.prepare(invocation.scope);
      const reply = await command.run(invocation, this.context(invocation));
      await this.index.note(invocation.scope);
      return reply;
    } catch (error) {
      const coded = asModlabError(error);
      this.options.logger[coded.code === 'internal' ? 'error' : 'warn'](coded.message, {
        code: coded.code,
        invocation: invocation.id,
        scope: scopeKey(invocation.scope),
        user: invocation.user.id,
        cause: coded.cause instanceof Error ? coded.cause.stack ?? coded.cause.message : undefined,
      });
      return noticeReply('error', coded.userMessage);
    }
  }

  private context(invocation: Invocation): CommandContext {
    return {
      invocation,
      scope: this.options.store.bind(invocation.scope),
      step: (job) => this.sandbox.run(invocation.scope, job),
      offThread: this.sandbox.offThread,
      machine: this.machine,
      clock: this.options.clock,
      commands: this.commands,
      teaching: this.teaching.actions(invocation),
      snapshots: snapshotShelf(this.options.store, invocation.scope),
      classView: this.classView,
      logger: this.options.logger,
      dashboard: this.options.dashboard,
    };
  }

  async conversations(platform: Platform, workspace: string): Promise<Scope[]> {
    return (await this.index.list(platform, workspace)).map((e) => e.scope);
  }

  async complete(scope: Scope, source: Completion, prefix: string, limit: number): Promise<string[]> {
    // One request per keystroke: limited per conversation (the adapters' autocomplete carries no user).
    if (this.completeLimiter?.take(`${scope.platform}:${scope.workspace}:${scope.channel}`)) return [];
    if (source === 'exercises' || source === 'quiz-topics') return this.teaching.complete(source, prefix, limit);
    try {
      const result = await this.sandbox.run(scope, { kind: 'complete', source, prefix, limit });
      return result.stopped ? [] : result.suggestions;
    } catch (error) {
      this.options.logger.warn('autocomplete failed', { code: asModlabError(error).code });
      return [];
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inflight]);
    await this.teaching.close();
    await this.options.store.close();
  }
}
