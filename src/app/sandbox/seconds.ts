/** A budget in ms as a user reads it: "2 s", "0.5 s", and a tiny one (tests) "1 ms" rather than "0.0 s". */
export function seconds(ms: number): string {
  if (ms < 100) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
