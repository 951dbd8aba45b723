/**
 * A write to a pipe whose reader has exited: the kernel sends the writer SIGPIPE, which kills
 * it (bash reports no SIGPIPE death; its status is 128+13). Our pipeline runs its elements
 * one after another, each pipe holding its writer's whole output, so a reader's exit is
 * known in advance only for a reader that takes a known amount and leaves: `head -n N` or
 * `head -c N` on its standard input (userland/head.ts stdinNeed). The pipe then counts what
 * it carried; a write after that amount reached the reader raises BrokenPipe, which ends
 * the writing process (the tool, or the pipeline element's subshell for a builtin).
 * `ls *.ko | xargs -n1 basename | head -3` thus ends as on Linux: the fourth basename dies
 * of SIGPIPE and xargs says "basename: terminated by signal 13".
 */
import { BufferSink, type Sink } from './sinks';
import type { StdinNeed } from '../userland/head';

/** SIGPIPE's number on x86-64. */
export const SIGPIPE = 13;
/** The status of a process SIGPIPE killed, as wait(2) and bash report it. */
export const SIGPIPE_STATUS = 128 + SIGPIPE;

/** Thrown by a write to a pipe whose reader is gone. */
export class BrokenPipe extends Error {
  constructor() {
    super('EPIPE');
  }
}

/** A pipe to a reader that exits once it has NEED: later writes raise BrokenPipe. */
export class PipeToBoundedReader extends BufferSink {
  private lines = 0;
  private bytes = 0;
  /** The reader has taken what it wanted and exited. */
  closed = false;

  constructor(private readonly need: StdinNeed) {
    super();
  }

  override write(text: string): void {
    if (this.closed) throw new BrokenPipe();
    super.write(text);
    // One write(2) lands whole in the pipe before the reader looks; it leaves after it.
    if (this.need.unit === 'bytes') this.bytes += Buffer.byteLength(text, 'utf8');
    else for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines++;
    if ((this.need.unit === 'bytes' ? this.bytes : this.lines) >= this.need.count) this.closed = true;
  }
}

/**
 * The terminal seen by the writer of a PipeToBoundedReader: what it writes there after the
 * reader exited is shown after the rest of the pipeline, which on Linux printed its part
 * while the writer was still starting its next process.
 */
export class AfterReaderExit implements Sink {
  private readonly held: string[] = [];

  constructor(
    private readonly pipe: PipeToBoundedReader,
    private readonly terminal: Sink,
  ) {}

  write(text: string): void {
    if (this.pipe.closed) this.held.push(text);
    else this.terminal.write(text);
  }

  /** Show what was held back (the pipeline has ended). */
  release(): void {
    for (const text of this.held.splice(0)) this.terminal.write(text);
  }
}
