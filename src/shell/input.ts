/**
 * A command's standard input: a pipe, a file or a here-document, read from a position that
 * every command sharing it moves on. `read` takes one line and leaves the rest, so
 * `while read l; do …; done < file` sees each line once; a program that reads its stdin
 * takes everything left, as `cat` in a loop body would on a real system.
 */
export class Input {
  private pos = 0;
  private text: string | undefined;

  /**
   * DATA, or how to read it: a file opened by a redirection is read by the program when it
   * reads, as the process it has become (`tr … < /proc/self/cmdline` reads tr's).
   */
  constructor(private readonly data: string | (() => string)) {}

  private get content(): string {
    return (this.text ??= typeof this.data === 'string' ? this.data : this.data());
  }

  /** The next character, or undefined at the end. */
  next(): string | undefined {
    const data = this.content;
    return this.pos < data.length ? data[this.pos++] : undefined;
  }

  /** Everything not read yet; the input is then at its end. */
  rest(): string {
    const data = this.content;
    const text = data.slice(this.pos);
    this.pos = data.length;
    return text;
  }
}
