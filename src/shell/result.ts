import type { LogRecord } from '../kernel/state';

/** What running one command line returns (cf. just-bash's ExecResult), plus the kernel log it caused. */
export interface ExecResult {
  /** stdout and stderr merged in the order written, as a terminal shows them. */
  output: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Kernel log records that appeared while the line ran. */
  klog: LogRecord[];
  /** The line asked the terminal to clear (clear). */
  clear?: boolean;
}
