/**
 * The platform-neutral bot: Invocation → Reply. Routes to commands/, enforces access and
 * cooldowns once, runs every change to a scope inside store.update, and turns failures
 * into one helpful line for the user and a coded line in the log.
 */
import { randomUUID } from 'node:crypto';
import type { App } from './app';
import { scopeKey, type Invocation, type Scope } from './invocation';
import { RELEASE } from '../modules';
import type { Reply } from './reply';
import { noticeReply, textReply } from './reply';
import type { ChatCommand, Completion } from '../../commands/command';
import type { CommandContext } from './context';
import type { Clock } from '../kernel/clock';
import type { Logger } from './logger';
import type { ScopeStore } from '../store/scope-store';
import type { StoreHealth } from '../store/health';
import type { MachineOptions } from '../machine/machine';
import { mayRun } from './access';
import { Cooldowns } from './cooldown';
import { DEFAULT_RATE_LIMIT, Flood, RateLimiter, type RateLimit } from './rate-limit';
import { COMPLETE_FLOOD, MAX_DOCUMENT_BYTES, MAX_MESSAGE_CHARS } from './budget';
import { Sandbox } from './sandbox/sandbox';
import { systemClock } from '../kernel/clock';
import { helpText } from './help';
import { statusText } from './status';
import { scriptLines, MAX_SCRIPT_LINES } from './session';
import { asModlabError, ModlabError } from './errors';
// Teaching features (exercises, quizzes): src/teaching.
import { Teaching, type TeachingOptions } from '../teaching/teaching';
import type { Announcer } from '../teaching/announcer';

export interface BotOptions {
  commands: readonly ChatCommand[];
  store: ScopeStore;
  clock: Clock;
  logger: Logger;
  hostname: string;
  /** Per-user flood limit (per-conversation and autocomplete limits: budget.ts); false turns flood protection off (the console: one person's own terminal). */
  rateLimit?: RateLimit | false;
  /** Where machines run: 'workers' (default, budgeted) or 'inline' (this thread, no budget). */
  sandbox?: 'workers' | 'inline';
  /** Exercises on offer, quiz time limit, reveal timer (src/teaching). */
  teaching: Pick<TeachingOptions, 'exercises' | 'quizSeconds' | 'tickMs'>;
}

export class Bot implements App {
  readonly commands: readonly ChatCommand[];
  private readonly byName: ReadonlyMap<string, ChatCommand>;
  private readonly cooldowns: Cooldowns;
  private readonly flood: Flood | undefined;
  private readonly completeLimiter: RateLimiter | undefined;
  private readonly sandbox: Sandbox;
  private readonly machine: MachineOptions & { hostname: string };
  private inflight = new Set<Promise<Reply>>();
  private closing = false;
  readonly teaching: Teaching;

  constructor(private readonly options: BotOptions) {
    this.commands = options.commands;
    this.byName = new Map(options.commands.map((c) => [c.data.name, c]));
    this.cooldowns = new Cooldowns(options.clock);
    this.flood = options.rateLimit === false ? undefined : new Flood(options.clock, options.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.completeLimiter = options.rateLimit === false ? undefined : new RateLimiter(options.clock, COMPLETE_FLOOD);
    this.machine = { clock: options.clock, hostname: options.hostname };
    this.teaching = new Teaching({ ...options.teaching, store: options.store, clock: options.clock, logger: options.logger, machine: this.machine });
    this.sandbox = new Sandbox({
      store: options.store,
      logger: options.logger,
      hostname: options.hostname,
      // The system clock is read in each worker; with an injected one (tests) machines run inline.
      clock: options.clock === systemClock ? undefined : options.clock,
      exercises: () => this.teaching.exercises,
      maxDocumentBytes: MAX_DOCUMENT_BYTES,
      mode: options.sandbox,
    });
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
    if (this.closing) return Promise.resolve(noticeReply('warning', 'Modlab is restarting; try again in a moment.'));
    const work = this.dispatch(invocation);
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  private async dispatch(invocation: Invocation): Promise<Reply> {
    try {
      const input = invocation.input;
      // Every input kind counts against its user's and its conversation's flood limits, clicks included.
      const flood = this.flood?.take(invocation);
      if (flood) {
        const who = flood.who === 'user' ? 'You are' : 'This conversation is';
        throw new ModlabError('cooldown', `${who} sending ${input.kind === 'action' ? 'clicks' : 'commands'} faster than the class can read them; wait ${flood.seconds} s.`);
      }
      if (input.kind === 'command' && input.text.length > MAX_MESSAGE_CHARS) {
        throw new ModlabError('over-budget', `That message is ${input.text.length} characters long; one message may carry at most ${MAX_MESSAGE_CHARS}.`);
      }
      if (input.kind === 'action') {
        if (this.teaching.handlesAction(input.id)) return await this.teaching.action(invocation);
        return noticeReply('info', 'This button is no longer active.');
      }
      const command = this.byName.get(input.command);
      if (!command) return noticeReply('error', `Unknown command /${input.command}. Try /modlab help.`);
      if (!mayRun(command, invocation)) {
        throw new ModlabError('forbidden', `Only instructors may run /${command.data.name} ${input.text.trim().split(/\s+/)[0] ?? ''}`.trim() + '.');
      }
      const wait = this.cooldowns.take(`${invocation.scope.platform}:${invocation.user.id}`, command.data.name, command.data.cooldown);
      if (wait > 0) throw new ModlabError('cooldown', `Please wait ${wait} s before using /${command.data.name} again.`);
      // A new thread may be the one an exercise was started for: give it the exercise's machine first.
      await this.teaching.prepare(invocation.scope);
      return await command.run(invocation, this.context(invocation));
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
    const { scope, user } = invocation;
    return {
      invocation,
      shell: async (script) => {
        const lines = scriptLines(script);
        if (lines.length > MAX_SCRIPT_LINES) {
          return noticeReply('error', `That is ${lines.length} lines; one message runs at most ${MAX_SCRIPT_LINES}.`);
        }
        return this.sandbox.shell(scope, lines, user);
      },
      reboot: async (cmdline) => {
        const stopped = await this.sandbox.reboot(scope, cmdline, user);
        if (stopped) return stopped;
        const extra = cmdline ? ` with ${cmdline}` : '';
        return noticeReply('success', `${user.name} rebooted this machine${extra}: a fresh Linux ${RELEASE} with nothing loaded.`, 'channel');
      },
      status: async () => {
        const [state, store] = await Promise.all([this.options.store.read(scope), this.options.store.health()]);
        return textReply(statusText(state, this.machine, store), 'user');
      },
      help: (name) => textReply(helpText(this.commands, name), 'user'),
      teaching: this.teaching.actions(invocation),
    };
  }

  async complete(scope: Scope, source: Completion, prefix: string, limit: number): Promise<string[]> {
    if (source === 'exercises' || source === 'quiz-topics') return this.teaching.complete(source, prefix, limit);
    try {
      if (this.completeLimiter?.take(`${scope.platform}:${scope.workspace}:${scope.channel}`)) return [];
      return await this.sandbox.complete(scope, source, prefix, limit);
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
