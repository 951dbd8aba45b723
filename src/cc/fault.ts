/**
 * How a call into a module's C ends besides returning: a page fault (a NULL or wild
 * pointer read or written, or called, at ADDRESS), BUG()'s invalid opcode (also a division by zero's
 * trap), or a call that outruns its budget and so, as far as anyone can tell, never returns.
 */
import type { SourceSpot } from '../kernel/module-code';

export class Fault {
  /** FETCH: the fault was the CPU fetching an instruction there (a call through a bad function pointer). */
  constructor(readonly kind: 'oops' | 'bug' | 'lockup', readonly at: SourceSpot, readonly address = 0, readonly write = false, readonly fetch = false) {}
}
