/**
 * The order in which the machine pool's free workers take queued tasks (pool.ts): a step
 * (one message's shell lines) before heavy work (a graph picture, an exercise setup, a quiz
 * question, the dashboard's dmesg), since a step is a user waiting at a prompt for a
 * millisecond's work and heavy work takes up to seconds. Heavy work may run on all workers
 * but one, so a class's next line always finds a worker soon; work that has waited
 * WORK_QUEUE_PATIENCE_MS goes before the steps queued after it, so it is never starved.
 * Among steps, the oldest of a conversation a free worker keeps goes to that worker
 * (scope affinity, affinity.ts); otherwise the oldest step goes first.
 */

export interface Queued {
  kind: 'step' | 'work';
  /** When it was queued (performance.now()). */
  queuedAt: number;
}

export interface QueueView<S> {
  now: number;
  /** Whether one more piece of heavy work may start (it would leave a worker for steps). */
  workMayStart: boolean;
  patienceMs: number;
  /** The free worker that keeps the state the task at INDEX starts from, if any. */
  keeper: (index: number) => S | undefined;
}

/** The task a free worker takes next: its index, and the worker it must go to (undefined: any free one); undefined: none now. */
export function nextTask<S>(queue: readonly Queued[], view: QueueView<S>): { index: number; slot: S | undefined } | undefined {
  const firstWork = queue.findIndex((t) => t.kind === 'work');
  const firstStep = queue.findIndex((t) => t.kind === 'step');
  const work = firstWork >= 0 && view.workMayStart ? queue[firstWork] : undefined;
  if (work && (firstStep < 0 || (firstWork < firstStep && view.now - work.queuedAt >= view.patienceMs))) return { index: firstWork, slot: undefined };
  for (let i = 0; i < queue.length; i++) {
    if (queue[i]?.kind !== 'step') continue;
    const slot = view.keeper(i);
    if (slot !== undefined) return { index: i, slot };
  }
  if (firstStep >= 0) return { index: firstStep, slot: undefined };
  return undefined;
}
