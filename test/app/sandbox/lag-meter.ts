/**
 * How long the main thread's event loop was kept from running: the largest gap between
 * ticks of a PERIOD_MS interval, less the period. (perf_hooks' monitorEventLoopDelay missed a
 * 2 s synchronous Graphviz layout on Node 20 here: it reported 5 ms; the ticks saw 2.9 s.)
 */
export function lagMeter(periodMs = 10): () => number {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - periodMs);
    last = now;
  }, periodMs);
  return () => {
    clearInterval(timer);
    return Math.max(max, performance.now() - last - periodMs);
  };
}
