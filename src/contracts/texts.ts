/**
 * The lines a user sees from both the app and the adapters (an adapter answers some of them
 * itself, before or instead of the app), typed once so that both say the same.
 */
export const TEXTS = {
  /** The bot is shutting down and takes no new work. */
  restarting: 'Modlab is restarting; try again in a moment.',
  /** A click on a button whose question or output is gone. */
  buttonGone: 'This button is no longer active.',
  /** A bug: the details are in the log, with the invocation id. */
  failed: 'Something went wrong inside Modlab; the error has been logged.',
} as const;
