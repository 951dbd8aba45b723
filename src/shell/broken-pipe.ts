/**
 * A write to a pipe whose reader has exited: the kernel sends the writer SIGPIPE, which kills
 * it (bash reports no SIGPIPE death; its status is 128+13). Our pipeline runs its elements
 * one after another, each pipe holding its writer's whole output, so a reader's exit is
 * known in advance only for a reader that takes a known amount and leaves: `head -n N` or
 * `head -c N` on its standard input (userland/head.ts stdinNeed).
 *
 * When the reader gets to read decides whether a writer dies. A pipe holds 64 KiB
 * (PIPE_CAPACITY): a writer fills it without waiting, and only when it is full does the
 * writer block and the reader run, take what it wants and exit; the writer's next write then
 * raises SIGPIPE. So a writer whose whole output fits in the pipe never dies, however little
 * the reader takes: on Debian 12, `seq 3 | head -1` and `seq 12500 | head -1` (63894 bytes)
 * leave seq with status 0, `seq 13000 | head -1` (66894 bytes) and `yes | head -1` kill it
 * with SIGPIPE (141), and `cmp -l a b | head -3` lets cmp exit 1 after all its lines. A
 * process started since the last write gives the reader its turn as well (fork and exec take
 * longer than a read): `ls *.ko | xargs -n1 basename | head -3` ends as on Linux, the fourth
 * basename dies of SIGPIPE and xargs says "basename: terminated by signal 13"; a loop
 * `for i in 1 2 3 4; do echo $i; touch f$i; done | head -2` dies at its third echo, after
 * touching f1 and f2 (test/fixtures/host/pipes.lines).
 */
import { BufferSink, type Sink } from './sinks';
import type { StdinNeed } from '../userland/head';

/** SIGPIPE's number on x86-64. */
export const SIGPIPE = 13;
/** The status of a process SIGPIPE killed, as wait(2) and bash report it. */
export const SIGPIPE_STATUS = 128 + SIGPIPE;
/** Bytes a pipe holds before its writer blocks: 16 pages (pipe(7), PIPE_DEF_BUFFERS). */
export const PIPE_CAPACITY = 65536;

/** Thrown by a write to a pipe whose reader is gone. */
export class BrokenPipe extends Error {
  constructor() {
    super('EPIPE');
  }
}

/** A pipe to a reader that exits once it has NEED: writes after it has gone raise BrokenPipe. */
export class PipeToBoundedReader extends BufferSink {
  /** What the reader has taken, in NEED's unit. */
  private taken = 0;
  /** Bytes in the pipe the reader has not yet looked at. */
  private unread = 0;
  /** Text written since the reader last ran, for it to count when it runs. */
  private pending = '';
  /** The machine's fork count at the last write (undefined before the first). */
  private forksAtWrite: number | undefined;
  /** The reader has taken what it wanted and exited. */
  closed = false;

  /** FORKS counts the processes the machine has started: one started since the last write let the reader run. */
  constructor(
    private readonly need: StdinNeed,
    private readonly forks: () => number = () => 0,
  ) {
    super();
  }

  override write(text: string): void {
    const forks = this.forks();
    if (this.forksAtWrite !== undefined && forks !== this.forksAtWrite) this.readerRuns();
    this.forksAtWrite = forks;
    if (this.closed) throw new BrokenPipe();
    let rest = text;
    while (rest !== '') {
      const room = PIPE_CAPACITY - this.unread;
      const fits = fittingPrefix(rest, room);
      super.write(fits);
      this.pending += fits;
      this.unread += Buffer.byteLength(fits, 'utf8');
      rest = rest.slice(fits.length);
      if (rest === '') break;
      // the pipe is full: the writer blocks, the reader runs
      this.readerRuns();
      if (this.closed) throw new BrokenPipe();
    }
  }

  /** The reader reads what the pipe holds; once it has its NEED it exits. */
  private readerRuns(): void {
    if (this.closed) return;
    if (this.need.unit === 'bytes') this.taken += Buffer.byteLength(this.pending, 'utf8');
    else for (let i = this.pending.indexOf('\n'); i !== -1; i = this.pending.indexOf('\n', i + 1)) this.taken++;
    this.pending = '';
    this.unread = 0;
    if (this.taken >= this.need.count) this.closed = true;
  }
}

/** The longest start of TEXT that takes at most ROOM bytes in UTF-8. */
function fittingPrefix(text: string, room: number): string {
  if (Buffer.byteLength(text, 'utf8') <= room) return text;
  let bytes = 0;
  let i = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > room) break;
    bytes += n;
    i += ch.length;
  }
  return text.slice(0, i);
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
