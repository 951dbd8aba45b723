/**
 * Where a file descriptor's writes go: the terminal (the chat), a pipe or a command
 * substitution's buffer, /dev/null, or a file opened by a redirection. A file's writes are
 * kept as the write(2) calls the tool made and handed to the VFS when the command ends:
 * a sysfs attribute's store() sees each write on its own, as on Linux.
 */
import type { FileTree } from '../kernel/filetree';
import { MAX_OUTPUT } from './limits';

export interface Sink {
  write(text: string): void;
}

/** What the user sees: stdout and stderr merged in write order, and each alone. */
export class Terminal {
  output = '';
  stdout = '';
  stderr = '';
  private size = 0;

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.size >= MAX_OUTPUT) return;
    const room = MAX_OUTPUT - this.size;
    const chunk = text.length > room ? text.slice(0, room) : text;
    this.size += chunk.length;
    this.output += chunk;
    if (stream === 'stdout') this.stdout += chunk;
    else this.stderr += chunk;
  }
}

export class TerminalSink implements Sink {
  constructor(
    private readonly term: Terminal,
    private readonly stream: 'stdout' | 'stderr',
  ) {}

  write(text: string): void {
    this.term.write(this.stream, text);
  }
}

export class BufferSink implements Sink {
  data = '';
  /** Characters written beyond MAX_OUTPUT (dropped). */
  overflow = 0;

  write(text: string): void {
    const room = MAX_OUTPUT - this.data.length;
    if (text.length > room) this.overflow += text.length - room;
    if (room <= 0) return;
    this.data += text.length > room ? text.slice(0, room) : text;
  }
}

export class NullSink implements Sink {
  write(): void {}
}

export class FileSink implements Sink {
  private readonly chunks: string[] = [];
  private size = 0;
  /** The first write that failed since the writer last looked (-errno), else 0. */
  private error = 0;

  constructor(
    private readonly fs: FileTree,
    readonly path: string,
    /** Append to what the file holds (the disk, after open() truncated it if asked). */
    private readonly append: boolean,
    /** /proc, /sys, /dev: every write(2) is handed to the file on its own when the command ends. */
    private readonly pseudo: boolean,
  ) {}

  /**
   * A disk file takes each write at once, so that a full disk fails the command that wrote
   * (`for …; done > f`: each echo says "write error", as in bash); the file grows by
   * appending, which the disk does without copying what it holds.
   */
  write(text: string): void {
    if (text === '') return;
    if (!this.pseudo) {
      const rc = this.fs.write(this.path, text, this.append);
      if (rc < 0 && this.error === 0) this.error = rc;
      return;
    }
    if (this.size >= MAX_OUTPUT) return;
    this.size += text.length;
    this.chunks.push(text);
  }

  /** The first write that failed since the last call (-errno), or 0; the writer reports it. */
  takeError(): number {
    const rc = this.error;
    this.error = 0;
    return rc;
  }

  /** 0, or the negative errno of the first write that failed. */
  flush(): number {
    const chunks = this.chunks.splice(0);
    if (chunks.length === 0) return this.takeError();
    for (const chunk of chunks) {
      const rc = this.fs.write(this.path, chunk, this.append);
      if (rc < 0) return rc;
    }
    return 0;
  }
}
