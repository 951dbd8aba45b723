// Placeholder until the app lands (being written now); signature is stable.
import type { App } from './app';
import type { Clock } from '../kernel/clock';
import type { Logger } from './logger';

export interface AppOptions {
  /** MODLAB_STORE spec: "memory" | "sqlite:PATH". */
  store: string;
  clock?: Clock;
  logger?: Logger;
  /** uname -n of every machine (default "modlab"). */
  hostname?: string;
}

export async function createApp(_options: AppOptions): Promise<App> {
  throw new Error('app not written yet');
}
