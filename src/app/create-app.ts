/** Assemble the bot from configuration: the store named by MODLAB_STORE, the commands, a clock. */
import type { App } from './app';
import type { Clock } from '../kernel/clock';
import { systemClock } from '../kernel/clock';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import { Bot } from './bot';
import { commands } from '../../commands';
import { openStore } from '../store';
import { ScopeStore } from '../store/scope-store';
import { freshScopeState } from './fresh-state';
import { DEFAULT_HOSTNAME } from '../machine/machine';

export interface AppOptions {
  /** MODLAB_STORE spec: "memory" | "sqlite:PATH". */
  store: string;
  clock?: Clock;
  logger?: Logger;
  /** uname -n of every machine (default "modlab"). */
  hostname?: string;
  /** Deadline of every store call, ms. */
  storeDeadlineMs?: number;
}

export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const hostname = options.hostname ?? DEFAULT_HOSTNAME;
  const docs = await openStore(options.store, { deadlineMs: options.storeDeadlineMs });
  const store = new ScopeStore(docs, () => freshScopeState({ clock, hostname }), clock);
  return new Bot({ commands, store, clock, logger: options.logger ?? silentLogger, hostname });
}
