/**
 * One user's login session on a freshly booted machine, as chat messages run: each line is
 * `bash -c LINE` that starts where the session's last line left off (directory, variables,
 * functions, $?).
 */
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';
import type { SessionState } from '../../src/machine/session';

export interface LoginSession {
  run(line: string): { output: string; status: number };
  /** What the session keeps between lines. */
  state(): SessionState;
}

/** Call inside a describe block: a new machine and a new login before each test. */
export function loginEachTest(): LoginSession {
  const options = { clock: (): number => Date.UTC(2026, 11, 5, 13, 0, 0) };
  let machine: MachineState;
  let session: SessionState;
  beforeEach(() => {
    machine = bootMachine(options);
    session = {};
  });
  return {
    run: (line) => {
      const r = execLine(machine, line, options, [], { state: session, login: { logins: [] } });
      return { output: r.output, status: r.exitCode };
    },
    state: () => session,
  };
}
