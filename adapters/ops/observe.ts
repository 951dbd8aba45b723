/**
 * Watch the app from outside, without touching its code: every invocation gets one log
 * line (id, scope, command, duration, outcome) and its metrics. The outcome is "ok", or
 * the code of the ModlabError the app logged for that invocation (the app turns failures
 * into a Reply and logs the code with the invocation's id; the logger given to the app
 * is teed here to catch it).
 */
import type { App } from '../../src/app/app';
import type { Invocation } from '../../src/contracts/invocation';
import { scopeKey } from '../../src/contracts/invocation';
import type { Logger, LogFields } from '../../src/contracts/logger';
import type { Reply } from '../../src/contracts/reply';
import type { Metrics } from './metrics';

export interface Observer {
  /** The logger to give the app: it logs as LOGGER does and remembers failure codes. */
  readonly logger: Logger;
  /** APP, with every handle() logged and measured. */
  wrap(app: App): App;
}

export function observe(logger: Logger, metrics: Metrics): Observer {
  /** The code the app logged for an invocation still running, by invocation id. */
  const codes = new Map<string, string>();
  const remember = (fields?: LogFields): void => {
    const id = fields?.invocation;
    const code = fields?.code;
    if (typeof id === 'string' && typeof code === 'string') codes.set(id, code);
    if (typeof code === 'string' && (code.startsWith('store-') || code === 'state-damaged')) metrics.storeErrors.inc({ code });
  };
  const teed: Logger = {
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => {
      remember(fields);
      logger.warn(message, fields);
    },
    error: (message, fields) => {
      remember(fields);
      logger.error(message, fields);
    },
  };
  const handle = async (app: App, invocation: Invocation): Promise<Reply> => {
    const started = performance.now();
    const command = invocation.input.kind === 'command' ? invocation.input.command : 'action';
    const scope = scopeKey(invocation.scope);
    metrics.touch(scope);
    try {
      return await app.handle(invocation);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const outcome = codes.get(invocation.id) ?? 'ok';
      codes.delete(invocation.id);
      metrics.commands.inc({ command, outcome });
      metrics.latency.observe({ command }, seconds);
      logger.info('invocation', { id: invocation.id, scope, user: invocation.user.id, command, durationMs: Math.round(seconds * 10000) / 10, outcome });
    }
  };
  return {
    logger: teed,
    wrap(app) {
      return {
        commands: app.commands,
        handle: (invocation) => handle(app, invocation),
        complete: (scope, source, prefix, limit) => app.complete(scope, source, prefix, limit),
        setAnnouncer: app.setAnnouncer ? (announcer) => app.setAnnouncer?.(announcer) : undefined,
        firstTime: app.firstTime ? (name, ttlMs) => app.firstTime!(name, ttlMs) : undefined,
        health: app.health ? () => app.health!() : undefined,
        close: () => app.close(),
      };
    },
  };
}
