/**
 * How the kernel calls a built module's code (its init, exit, or a parameter's set
 * function) without knowing C: src/cc implements ModuleRunner, src/modules hands it to the
 * kernel in KernelConfig.runCode. The kernel passes what the code may do to the machine
 * (ModuleApi) and gets back how the call ended — a return value, or a fault the kernel
 * then reports as Linux does (faults.ts).
 */
import type { LogLevel, ModuleImage } from './image';

/** A JSON value: a module's data lives in the scope's document between calls. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where in the source a fault or warning happened (BUG()'s and WARN()'s "file:line"). */
export interface SourceSpot {
  file: string;
  line: number;
  /** The C function the CPU was in (RIP: 0010:FN+0x11/0x1000). */
  function: string;
}

export type CodeOutcome =
  | { kind: 'return'; value: number }
  /** A read, write or call through a pointer into nothing (NULL + offset): page_fault_oops(). */
  | { kind: 'oops'; address: number; write: boolean; fetch?: boolean; at: SourceSpot }
  /** BUG() or BUG_ON(true): the invalid opcode trap. */
  | { kind: 'bug'; at: SourceSpot }
  /** The call never returns (its step budget ran out in a loop): a soft lockup. */
  | { kind: 'lockup'; at: SourceSpot };

/** What a module's code can ask of the kernel while it runs. */
export interface ModuleApi {
  /**
   * One printk call: LEVEL from KERN_SOH ('c' for KERN_CONT, undefined for none, 'dyndbg' for
   * pr_debug's dynamic-debug call site), the text as formatted.
   */
  printk(level: LogLevel | 'c' | 'dyndbg' | undefined, text: string): void;
  /** WARN_ON(cond) with cond true: the kernel prints the WARNING report and taints W. */
  warn(at: SourceSpot): void;
  /** msleep/ssleep/mdelay: the machine's clock moves on. */
  sleep(ms: number): void;
  /** kmalloc's bookkeeping: false when the allocation is refused (too large). */
  allocate(bytes: number): boolean;
  free(bytes: number): void;
  /** A module parameter's value as sysfs text (the kernel keeps parameters), and setting it. */
  param(name: string): string | undefined;
  /** How many elements of an array parameter were given (its count variable). */
  paramCount(name: string): number;
  setParam(name: string, text: string): number;
  /** A call into another loaded module's exported function. */
  callExport(symbol: string, args: Json[]): CodeOutcome;
  /** Another module's exported variable: its value, or setting it. */
  readExport(symbol: string): Json | undefined;
  writeExport(symbol: string, value: Json): void;
}

export interface CodeCall {
  image: ModuleImage;
  /** The module's data (its globals, its heap); the runner creates it on the first call and updates it in place. */
  memory: { data?: Json };
  /** The function to run: init, exit, a set callback, an exported function. */
  function: string;
  args: Json[];
  api: ModuleApi;
}

export interface ModuleRunner {
  call(call: CodeCall): CodeOutcome;
  /** A global of the module's (an exported variable another module reads or writes). */
  read(image: ModuleImage, memory: { data?: Json }, name: string): Json | undefined;
  write(image: ModuleImage, memory: { data?: Json }, name: string, value: Json): void;
}
