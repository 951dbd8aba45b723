/**
 * A command's standard input: a pipe, a file or a here-document, read from a position that
 * every command sharing it moves on. `read` takes one line and leaves the rest, so
 * `while read l; do …; done < file` sees each line once; a program that reads its stdin
 * takes everything left, as `cat` in a loop body would on a real system.
 */
export class Input {
  private pos = 0;

  constructor(private readonly data: string) {}

  /** The next character, or undefined at the end. */
  next(): string | undefined {
    return this.pos < this.data.length ? this.data[this.pos++] : undefined;
  }

  /** Everything not read yet; the input is then at its end. */
  rest(): string {
    const text = this.data.slice(this.pos);
    this.pos = this.data.length;
    return text;
  }
}
