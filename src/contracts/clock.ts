/** Wall-clock milliseconds since the epoch. Injected everywhere time is read, so tests pin it. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
