/**
 * The heavy work itself (off-thread.ts), as a machine worker runs it, and as this thread runs
 * it where no budget is wanted (tests with an injected clock): the same function either way,
 * so what a message gets never depends on where its work ran.
 */
import type { Clock } from '../contracts/clock';
import type { Logger } from '../contracts/logger';
import { execLine } from '../machine/machine';
import { Scratch } from './quiz/scratch';
import { generateQuestion } from './quiz/question';
import { setUpMachine } from './progress';
import { offThreadOf, type OffThread, type Work, type Worked } from './off-thread';

/** What the work needs from where it runs: the clock of the machines it boots, and scratch machines kept between questions. */
export class Workbench {
  /** One scratch machine source per hostname: each keeps its boots, so a question after the first starts from a copy. */
  private readonly scratches = new Map<string, Scratch>();

  constructor(private readonly clock: Clock) {}

  async perform(work: Work): Promise<Worked> {
    switch (work.kind) {
      case 'render': {
        // Loaded on first use: Graphviz and resvg would add ~80 ms to every worker's start.
        const { dotToPng } = await import('../graph/png');
        return { kind: 'rendered', png: await dotToPng(work.dot) };
      }
      case 'setup':
        return { kind: 'set-up', set: setUpMachine(work.commands, { clock: this.clock, hostname: work.hostname }, work.cmdline, work.from) };
      case 'question':
        return { kind: 'asked', question: generateQuestion(this.scratch(work.hostname), work.seed, work.topic) };
      case 'dmesg':
        // On a copy (structuredClone): reading never changes the machine, whatever dmesg does.
        return { kind: 'read', dmesg: execLine(structuredClone(work.machine), 'dmesg', { clock: this.clock, hostname: work.hostname }).output };
    }
  }

  private scratch(hostname: string): Scratch {
    let scratch = this.scratches.get(hostname);
    if (!scratch) {
      scratch = new Scratch(hostname);
      this.scratches.set(hostname, scratch);
    }
    return scratch;
  }
}

/** Heavy work on this thread, with no budget: for tests that inject a clock a worker cannot call. */
export function inlineOffThread(clock: Clock, hostname: string, logger: Logger): OffThread {
  const bench = new Workbench(clock);
  return offThreadOf(async (work) => {
    try {
      return { ok: true, value: await bench.perform(work) };
    } catch (error) {
      logger.error(`${work.kind} failed`, { code: 'internal', cause: error instanceof Error ? error.stack ?? error.message : String(error) });
      return { ok: false, limit: 'failed', why: 'it failed; the error has been logged' };
    }
  }, hostname);
}
