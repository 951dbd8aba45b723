/**
 * awk's output redirections (files.c): `print > "f"` truncates f when first opened and
 * appends after, `>>` appends, `| "cmd"` collects what the command will read; "/dev/stdout",
 * "-" and "/dev/stderr" are the program's own. Files are written at close(), before
 * system() and getline of the same file, and at exit; a pipe's command runs through
 * /bin/sh -c when it is closed, with everything printed to it as its standard input.
 */
import type { Io, System } from '../tool';
import { errnoText } from '../files';
import { AwkFatal } from './errors';

interface OutStream {
  kind: 'file' | 'pipe' | 'stdout' | 'stderr';
  path: string;
  buf: string;
}

export class Outputs {
  private readonly streams = new Map<string, OutStream>();

  constructor(
    private readonly io: Io,
    private readonly sys: System,
    /** The interpreter's string bound (mawk's "out of memory"). */
    private readonly bound: (text: string) => string,
  ) {}

  write(name: string, mode: '>' | '>>' | '|', text: string): void {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = this.open(name, mode);
      this.streams.set(name, stream);
    }
    if (stream.kind === 'stdout') this.io.out(text);
    else if (stream.kind === 'stderr') this.io.err(text);
    else stream.buf = this.bound(stream.buf + text);
  }

  private open(name: string, mode: '>' | '>>' | '|'): OutStream {
    if (mode === '|') return { kind: 'pipe', path: name, buf: '' };
    if (name === '/dev/stdout' || name === '-') return { kind: 'stdout', path: name, buf: '' };
    if (name === '/dev/stderr') return { kind: 'stderr', path: name, buf: '' };
    const path = this.sys.resolve(name);
    const rc = this.sys.fs.write(path, '', mode === '>>');
    if (rc < 0) throw new AwkFatal(`cannot open "${name}" for output (${errnoText(rc)})`, 2);
    return { kind: 'file', path, buf: '' };
  }

  private flush(s: OutStream): number {
    if (s.kind === 'file') {
      if (s.buf !== '') this.sys.fs.write(s.path, s.buf, true);
      s.buf = '';
      return 0;
    }
    if (s.kind === 'pipe') {
      const data = s.buf;
      s.buf = '';
      return this.sys.exec(['/bin/sh', '-c', s.path], { stdin: data, out: (t) => this.io.out(t), err: (t) => this.io.err(t) });
    }
    return 0;
  }

  /** Write what the files hold so far (before system() and a command's getline). */
  flushFiles(): void {
    for (const s of this.streams.values()) if (s.kind === 'file') this.flush(s);
  }

  /** Write file NAME's pending output, if it is open (before reading it back). */
  flushFile(name: string): void {
    const s = this.streams.get(name);
    if (s?.kind === 'file') this.flush(s);
  }

  /** fflush(NAME): -1 when NAME is not open. */
  fflush(name: string): number {
    const s = this.streams.get(name);
    if (s === undefined) return -1;
    if (s.kind === 'file') this.flush(s);
    return 0;
  }

  /** close(NAME) of an output: the pipe's exit status, 0 for a file, -1 when not open. */
  close(name: string): number {
    const s = this.streams.get(name);
    if (s === undefined) return -1;
    this.streams.delete(name);
    return this.flush(s);
  }

  closeAll(): void {
    for (const [name, s] of [...this.streams]) {
      this.streams.delete(name);
      this.flush(s);
    }
  }
}
