/**
 * Runs a parsed line as `bash -c` does: lists, && and ||, pipelines (each element in a
 * subshell, so `cd` in a pipe does not stick), ( ) and { }, if, for, while, until, case,
 * [[ ]], functions, redirections applied left to right after expansion, builtins, then the
 * tools on PATH. Messages are bash 5.2's for -c ("bash: line 1: foo: command not found",
 * status 127); inside a function bash names the source "environment".
 */
import type { Command, CompoundCommand, List, Pipeline, AndOr, Redirect, SimpleCommand, Word } from './ast';
import type { Io, System, Tool } from '../userland/tool';
import { strerror, ENOENT, EISDIR, EACCES, ENOTDIR } from '../kernel/errno';
import { BUILTINS, BUILTIN_TOOLS, ExitRequest, type ShellControl } from './builtins';
import { BufferSink, FileSink, NullSink, type Sink } from './sinks';
import { AfterReaderExit, BrokenPipe, PipeToBoundedReader, SIGPIPE, SIGPIPE_STATUS } from './broken-pipe';
import { stdinNeed, type StdinNeed } from '../userland/head';
import { statFollow } from '../userland/files';
import { expandFields, expandPattern, expandString, ExpansionError, type ExpandContext } from './expand';
import { ARG_MAX, MAX_ARG_STRLEN, MAX_COMMANDS, MAX_FUNCTION_DEPTH, MAX_ITERATIONS, MAX_PROCESS_DEPTH } from './limits';
import { ShellOutOfMemory, allocateVariable, outOfMemory } from './memory';
import { BIN_DIRS, programPath } from './path-lookup';
import { commandDescribe, commandWords, logout, typeBuiltin, type TypeShell } from './type';
import { Input } from './input';
import { LoopControl, ReturnRequest, CONTROL_BUILTINS } from './control';
import { TEST_BUILTINS } from './test';
import { READ_BUILTINS } from './read';
import { condStatus } from './cond';
import { patternRegex } from './glob';
import { evaluateArith, ArithError } from './arith';
import { isPseudoPath } from '../kernel/filetree';
import { parseLine, ShellSyntaxError } from './parse';
import { commOf, type Process } from '../kernel/process';
import { JobTable, ShellKilled, killBuiltin, waitBuiltin, type JobShell } from './jobs';
import { deathReport } from './signals';
import { formatTimes } from './time';
import { parseInvocation, type ShellInvocation } from './invocation';
import { ShellOptions } from './options';
import { scriptKind } from './script-file';
import { traceLine, tracePrompt } from './xtrace';
import { setBuiltin, type SetShell } from './set';
import { letBuiltin } from './let';
import { declareBuiltin, exportBuiltin, type AttributeShell } from './export';

type Fds = Map<number, Sink>;


/** A <( ) file gives its list's output; a >( ) file takes what is written, the list's input when the command ends. */
type ProcFile = { output: false; read: () => string } | { output: true; written: string[]; run: () => void };


/** A redirection or expansion failed: bash's message; the command does not run (status 1). */
class RedirectError {
  constructor(readonly text: string) {}
}

/** The builtins: the shell's own, control flow, test and [, read. */
const ALL_BUILTINS = new Map([...BUILTINS, ...CONTROL_BUILTINS, ...TEST_BUILTINS, ...READ_BUILTINS, ['logout', logout] as const]);
/** Builtins that look at the shell's own tables (functions, builtins, tools, jobs): exec.ts runs them. */
const SHELL_BUILTINS = new Set(['type', 'command', 'wait', 'kill', 'set', 'export', 'declare', 'typeset', 'let']);
/** The variables bash sets itself that `set` lists and $NAME reads (bash -c, variables.c). */
const BASH_VARIABLES = ['BASH', 'BASHOPTS', 'BASH_VERSINFO', 'BASH_VERSION', 'EUID', 'HOSTNAME', 'HOSTTYPE', 'IFS', 'MACHTYPE', 'OPTERR', 'OPTIND', 'OSTYPE', 'PPID', 'PS4', 'SHELLOPTS', 'UID'];
/** Programs that are a shell: run here, in a process of their own (dash is Debian's /bin/sh). */
const SHELL_PROGRAMS: Readonly<Record<string, 'sh' | 'bash'>> = { sh: 'sh', dash: 'sh', bash: 'bash' };

const builtinMessages = new Map<string, RegExp>();

/** Where a builtin's complaints start ("NAME: " but not "NAME: usage:"), to put bash's prefix there. */
function builtinMessage(name: string): RegExp {
  let re = builtinMessages.get(name);
  if (!re) builtinMessages.set(name, (re = new RegExp(`^(?=${name}: (?!usage:))`, 'gm')));
  return re;
}

/** A limit of limits.ts ended the line: what the user sees, and the status. */
class LimitReached {
  constructor(
    readonly text: string,
    readonly status: number,
  ) {}
}

export class Shell implements ShellControl, TypeShell, JobShell, SetShell, AttributeShell {
  /** $? */
  status = 0;
  private commandsStarted = 0;
  /** Subshells alive now, one inside the other. */
  private processDepth = 0;
  private iterations = 0;
  /** Status of the last command substitution (an assignment-only command returns it). */
  private substStatus: number | null = null;
  /** The descriptors in effect while a command's words are expanded. */
  private currentFds: Fds;
  /** $$ */
  readonly pid: number;
  /** The process this shell code runs as now (a subshell's own inside ( ), pipes and $( )). */
  private proc: Process;
  readonly jobs: JobTable;
  /** The signal the last program run died of (a process's death, not a status above 128). */
  private lastSignal: { signal: number; pid: number } | undefined;
  /** $1 … of the running function (bash -c LINE NAME ARG …: the ARGs). */
  positional: string[] = [];
  /** $0: the shell's name, a script's path, or bash -c LINE NAME's NAME; messages start with it. */
  name: string;
  /** set -e, -u, -x, -o pipefail … */
  options = new ShellOptions();
  /** bash's indirection level: 1, and one more inside each $( ) (the `++` of set -x). */
  private traceLevel = 1;
  /** Where the commands come from, as $- ends: 'c' (a -c string), 's' (standard input), '' (a script file). */
  source: 'c' | 's' | '' = 'c';
  /** The running command's `A=1` assignments, the last first (a function's, for the programs it runs). */
  private temporaryEnv: string[] = [];
  /** When the shell started, in machine ms ($SECONDS). */
  private readonly startedMs: number;
  /** This command's <( ) files, by path (/dev/fd/63 …): what reading one gives. */
  private readonly procFiles = new Map<string, ProcFile>();
  /** Names with the export attribute (set or not): only these reach the programs the shell runs. */
  readonly exported: Set<string>;
  /** > 0 while a failure may not end the shell under set -e: an if/while/until condition, a && / || element but the last, a `!` pipeline. */
  private errexitIgnored = 0;
  /** Loops around the running command, counted from the running function's body. */
  loopDepth = 0;
  /** One frame per running function: the values its `local` names had outside it. */
  private readonly frames: Array<Map<string, string | undefined>> = [];

  constructor(
    private readonly sys: System,
    private readonly tools: ReadonlyMap<string, Tool>,
    fds: Fds,
    /** 'sh' is /bin/sh (dash on Debian) as system(3) runs it: "sh: 1: foo: not found". */
    private readonly argv0: 'bash' | 'sh' = 'bash',
    /** The functions defined so far; a login session passes its own so they outlive the line. */
    private readonly functions: Map<string, CompoundCommand> = new Map(),
    /** The shell's process; by default a new one under the running process. */
    proc?: Process,
    /** Names with the export attribute (a login session's own set); by default every variable of the environment. */
    exported?: Set<string>,
  ) {
    this.exported = exported ?? new Set(Object.keys(sys.env));
    this.startedMs = sys.kernel.uptimeUsec() / 1000;
    this.currentFds = fds;
    this.name = argv0;
    const table = sys.kernel.processes;
    this.proc = proc ?? table.fork(table.current, { comm: argv0, argv: [argv0], exe: argv0 === 'sh' ? '/usr/bin/dash' : '/usr/bin/bash', cwd: this.physicalCwd() });
    table.current = this.proc;
    this.pid = this.proc.pid;
    this.jobs = new JobTable(sys.kernel);
  }

  /** The death of the program run last, once. */
  private takeSignal(): { signal: number; pid: number } | undefined {
    const died = this.lastSignal;
    this.lastSignal = undefined;
    return died;
  }

  /** getcwd(3): the working directory with its links resolved. */
  private physicalCwd(): string {
    const real = this.sys.fs.realpath?.(this.sys.cwd, true);
    return typeof real === 'string' ? real : this.sys.cwd;
  }

  get inFunction(): boolean {
    return this.frames.length > 0;
  }

  makeLocal(name: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame && !frame.has(name)) {
      frame.set(name, this.sys.env[name]);
      delete this.sys.env[name];
    }
  }

  unsetFunction(name: string): void {
    this.functions.delete(name);
  }

  functionBody(name: string): CompoundCommand | undefined {
    return this.functions.get(name);
  }

  traceAssignment(name: string, value: string): void {
    if (this.options.has('xtrace')) this.currentFds.get(2)?.write(traceLine(this.sys.env.PS4 ?? '+ ', this.traceLevel, [[name, value]], []));
  }

  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }

  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  /** The shell's variables: its own (bash's, variables.c) under those of the environment and the line. */
  variables(): ReadonlyMap<string, string> {
    const vars = new Map<string, string>();
    for (const name of BASH_VARIABLES) {
      const value = this.bashVariable(name);
      if (value !== undefined) vars.set(name, value);
    }
    for (const [name, value] of Object.entries(this.sys.env)) vars.set(name, value);
    return vars;
  }

  /** A variable bash itself keeps (when the environment and the line have none of that name). */
  bashVariable(name: string): string | undefined {
    switch (name) {
      case 'BASH':
        return '/usr/bin/bash';
      case 'BASHOPTS':
        return 'checkwinsize:cmdhist:complete_fullquote:extquote:force_fignore:globasciiranges:globskipdots:hostcomplete:interactive_comments:patsub_replacement:progcomp:promptvars:sourcepath';
      case 'BASH_VERSINFO':
        return '5';
      case 'BASH_VERSION':
        return '5.2.15(1)-release';
      case 'EUID':
      case 'UID':
        return String(this.sys.uid);
      case 'HOSTTYPE':
        return 'x86_64';
      case 'IFS':
        return ' \t\n';
      case 'MACHTYPE':
        return 'x86_64-pc-linux-gnu';
      case 'OPTERR':
      case 'OPTIND':
        return '1';
      case 'OSTYPE':
        return 'linux-gnu';
      case 'PPID':
        return String(this.sys.kernel.processes.find(this.pid)?.ppid ?? 1);
      case 'PS4':
        return '+ ';
      case 'BASHPID':
        return String(this.proc.pid);
      case 'HOSTNAME': {
        const name = this.sys.fs.read('/proc/sys/kernel/hostname');
        return typeof name === 'string' ? name.trim() : undefined;
      }
      case 'RANDOM':
        return String(Math.floor(Math.random() * 32768));
      case 'SECONDS':
        return String(Math.floor((this.machineMs() - this.startedMs) / 1000));
      case 'SHELLOPTS':
        return this.options.shellopts();
      default:
        return undefined;
    }
  }

  isBuiltin(name: string): boolean {
    return ALL_BUILTINS.has(name) || BUILTIN_TOOLS.has(name) || SHELL_BUILTINS.has(name);
  }

  hasTool(name: string): boolean {
    return this.tools.has(name);
  }

  /** "bash: line N: ", or "environment: line N: " inside a function (bash -c's functions have that source). */
  private prefix(line: number): string {
    if (this.argv0 === 'sh') return `${this.name}: ${line}: `;
    return `${this.inFunction ? 'environment' : this.name}: line ${line}: `;
  }

  /** The whole line; `exit` ends it with its status. */
  runProgram(list: List, fds: Fds, stdin = ''): number {
    try {
      return this.runList(list, fds, new Input(stdin), true);
    } catch (e) {
      if (e instanceof ExitRequest) return (this.status = e.code);
      if (e instanceof ShellKilled) {
        // The shell's parent sees it die of the signal (`bash -c 'kill $$'`).
        this.proc.killedBy = e.signal;
        return (this.status = 128 + e.signal);
      }
      if (e instanceof LimitReached || e instanceof ShellOutOfMemory) {
        fds.get(2)?.write(e.text);
        return (this.status = e.status);
      }
      // Recursion through $( ) or pipes can outgrow the JavaScript stack before
      // MAX_FUNCTION_DEPTH; bash would have overflowed its own and died of SIGSEGV.
      if (e instanceof RangeError && /call stack/.test(e.message)) return (this.status = 128 + 11);
      throw e;
    }
  }

  private runList(list: List, fds: Fds, stdin: Input, top: boolean): number {
    list.items.forEach((item, n) => {
      for (const warning of item.warnings ?? []) fds.get(2)?.write(warning);
      // set -n: a non-interactive shell reads the commands and runs none.
      if (this.options.has('noexec')) return;
      const last = top && n === list.items.length - 1 && !item.background;
      if (item.background) {
        this.runBackground(item.andOr, fds);
        this.status = 0;
        return;
      }
      this.status = this.runAndOr(item.andOr, fds, stdin, last);
    });
    return this.status;
  }

  private runAndOr(andOr: AndOr, fds: Fds, stdin: Input, last: boolean): number {
    const final = andOr.rest.length === 0 ? andOr.first : andOr.rest[andOr.rest.length - 1].pipeline;
    let ran = andOr.first;
    let status = this.withErrexitIgnored(andOr.rest.length > 0, () => this.runPipeline(andOr.first, fds, stdin, last && andOr.rest.length === 0));
    andOr.rest.forEach(({ op, pipeline }, n) => {
      this.status = status;
      if ((op === '&&') === (status === 0)) {
        ran = pipeline;
        status = this.withErrexitIgnored(n < andOr.rest.length - 1, () => this.runPipeline(pipeline, fds, stdin, last && n === andOr.rest.length - 1));
      }
    });
    // set -e (execute_cmd.c: exit_immediately_on_error): only the list's last pipeline, not under `!`, not where failure is tested.
    if (status !== 0 && ran === final && !final.bang && this.errexitIgnored === 0 && this.options.has('errexit')) throw new ExitRequest(status);
    return status;
  }

  /** A ( ) or $( ) subshell that an expansion error ends exits 1 (a pipeline's element, 127). */
  private expansionExitsOne(fn: () => number): number {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ExitRequest && e.expansion && e.code === 127) return 1;
      throw e;
    }
  }

  /** Run FN where set -e does not act (when IGNORED). */
  private withErrexitIgnored<T>(ignored: boolean, fn: () => T): T {
    if (!ignored) return fn();
    this.errexitIgnored++;
    try {
      return fn();
    } finally {
      this.errexitIgnored--;
    }
  }

  private runPipeline(pipeline: Pipeline, fds: Fds, stdin: Input, last: boolean): number {
    if (!pipeline.time) return this.runPipelineCommands(pipeline, fds, stdin, last);
    // `time`: the machine clock's advance over the pipeline; the shell itself reports it
    const start = this.machineMs();
    const status = pipeline.commands.length === 0 ? 0 : this.runPipelineCommands(pipeline, fds, stdin, false);
    const report = formatTimes({ real: this.machineMs() - start, user: 0, sys: 0 }, pipeline.time.posix, this.sys.env.TIMEFORMAT);
    fds.get(2)?.write('text' in report ? report.text : this.prefix(1) + report.error);
    return status;
  }

  /** The machine's time in ms (what sleep and a module's msleep move on). */
  private machineMs(): number {
    return this.sys.kernel.uptimeUsec() / 1000;
  }

  private runPipelineCommands(pipeline: Pipeline, fds: Fds, stdin: Input, last: boolean): number {
    let status: number;
    if (pipeline.commands.length === 1) {
      status = this.withErrexitIgnored(pipeline.bang, () => this.runCommand(pipeline.commands[0], fds, stdin, last && !pipeline.bang));
    } else {
      let input = stdin;
      status = 0;
      // set -o pipefail: the last element that failed gives the pipeline's status.
      let failed = 0;
      const afterExit: AfterReaderExit[] = [];
      // bash forks every element before any runs: each sees the others in ps (`ps x | tail`)
      const procs = pipeline.commands.map((command) => this.pipelineProcess(command));
      pipeline.commands.forEach((command, n) => {
        const final = n === pipeline.commands.length - 1;
        const local = new Map(fds);
        const need = final ? undefined : this.readerNeed(pipeline.commands[n + 1]);
        const pipe = final ? null : need ? new PipeToBoundedReader(need, () => this.sys.kernel.state.nextPid) : new BufferSink();
        if (pipe) {
          local.set(1, pipe);
          if (pipeline.stderrToo[n]) local.set(2, pipe);
          else if (pipe instanceof PipeToBoundedReader) {
            const terminal = local.get(2);
            if (terminal) {
              const held = new AfterReaderExit(pipe, terminal);
              afterExit.push(held);
              local.set(2, held);
            }
          }
        }
        status = this.withErrexitIgnored(pipeline.bang, () => this.inSubshell(() => this.runCommand(command, local, input, false, true), local, procs[n]));
        if (status !== 0) failed = status;
        input = new Input(pipe ? pipe.data : '');
      });
      for (const held of afterExit) held.release();
      if (this.options.has('pipefail')) status = failed;
    }
    if (pipeline.bang) status = status === 0 ? 1 : 0;
    return status;
  }

  /**
   * What the pipeline element COMMAND reads from the pipe before it exits, when that is
   * known without running anything: `head` (the program, not a function of that name) with
   * literal words and no redirections (broken-pipe.ts).
   */
  private readerNeed(command: Command): StdinNeed | undefined {
    if (command.kind !== 'simple' || command.redirects.length > 0 || command.assignments.length > 0) return undefined;
    const argv: string[] = [];
    for (const word of command.words) {
      if (!word.parts.every((p) => p.kind === 'lit')) return undefined;
      argv.push(word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join(''));
    }
    const name = argv[0];
    if (name === undefined || this.functions.has(name)) return undefined;
    if (name !== 'head' && !['/usr/bin/head', '/bin/head'].includes(name)) return undefined;
    return stdinNeed(argv);
  }

  /**
   * The child bash forks for a pipeline element; one that is a simple command of plain words
   * has already exec'd its program by the time another element looks (the others stay bash).
   */
  private pipelineProcess(command: Command): Process {
    const table = this.sys.kernel.processes;
    const proc = table.fork(this.proc, { cwd: this.physicalCwd() });
    if (command.kind !== 'simple' || command.assignments.length > 0 || command.redirects.length > 0) return proc;
    const words = command.words.map((w) => (w.parts.every((p) => p.kind === 'lit' && !p.quoted && !/[*?[\]{}~]/.test(p.text)) ? w.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('') : null));
    const name = words[0];
    if (name === null || name === undefined || words.some((w) => w === null) || !this.tools.has(name) || ALL_BUILTINS.has(name) || BUILTIN_TOOLS.has(name) || this.functions.has(name)) return proc;
    table.exec(proc, programPath(name, this.sys.env.PATH) ?? `/usr/bin/${name}`, words as string[]);
    return proc;
  }

  /**
   * fork(2): one more process for the line, or EAGAIN past MAX_COMMANDS as under a process
   * limit (bash retries, then gives up and the line ends).
   */
  private fork(): void {
    if (++this.commandsStarted > MAX_COMMANDS) {
      throw new LimitReached('bash: fork: retry: Resource temporarily unavailable\n', 254);
    }
  }

  /**
   * Run FN with the shell's state (cwd, variables, functions) restored afterwards, as in a
   * forked child. A child that runs out of memory dies alone (its message on FDS's stderr).
   */
  private inSubshell(fn: () => number, fds: Fds, forked?: Process): number {
    this.fork();
    if (this.processDepth >= MAX_PROCESS_DEPTH) throw new LimitReached('bash: fork: retry: Resource temporarily unavailable\n', 254);
    this.processDepth++;
    const table = this.sys.kernel.processes;
    const parentProc = this.proc;
    this.proc = forked ?? table.fork(parentProc, { cwd: this.physicalCwd() });
    table.current = this.proc;
    const cwd = this.sys.cwd;
    const env = { ...this.sys.env };
    const status = this.status;
    const positional = this.positional;
    const functions = new Map(this.functions);
    const exported = [...this.exported];
    const options = this.options.copy();
    const frames = this.frames.length;
    try {
      return fn();
    } catch (e) {
      if (e instanceof ExitRequest) return e.code;
      if (e instanceof ReturnRequest) return e.code;
      if (e instanceof LoopControl) return e.status;
      if (e instanceof BrokenPipe) return SIGPIPE_STATUS;
      if (e instanceof ShellOutOfMemory) {
        fds.get(2)?.write(e.text);
        return e.status;
      }
      throw e;
    } finally {
      this.processDepth--;
      if (this.proc.until === undefined) table.reap(this.proc);
      this.proc = parentProc;
      table.current = parentProc;
      this.sys.cwd = cwd;
      for (const key of Object.keys(this.sys.env)) if (!(key in env)) delete this.sys.env[key];
      Object.assign(this.sys.env, env);
      this.status = status;
      this.positional = positional;
      this.functions.clear();
      for (const [name, body] of functions) this.functions.set(name, body);
      this.exported.clear();
      for (const name of exported) this.exported.add(name);
      // `(set -e)`, `$(set -u)`, `set -o pipefail | cat`: a child's options are its own.
      this.options = options;
      this.frames.length = frames;
    }
  }

  /** INPLACE: a forked subshell runs only this command, so a program execs in its process. */
  private runCommand(command: Command, fds: Fds, stdin: Input, last: boolean, inPlace = last): number {
    if (command.kind === 'simple') return this.runSimple(command, fds, stdin, last, inPlace);
    if (command.kind === 'function') {
      this.functions.set(command.name, command.body);
      return 0;
    }
    return this.runCompound(command, fds, stdin);
  }

  private runCompound(command: CompoundCommand, fds: Fds, stdin: Input): number {
    const mark = this.procFiles.size;
    try {
      return this.runCompoundCommand(command, fds, stdin);
    } finally {
      if (this.procFiles.size > mark) this.closeProcFiles(mark);
    }
  }

  /**
   * <(LIST): bash runs LIST with its output on a pipe the command reads as /dev/fd/63 (62 for
   * the next …). Here LIST runs when the path is first read (so `set -x` shows the command
   * first, as bash's asynchronous child does), or when the command ends unread.
   */
  private procSubst(list: List, output: boolean): string {
    const path = `/dev/fd/${63 - this.procFiles.size}`;
    const fds = this.currentFds;
    if (output) {
      const written: string[] = [];
      // >( )'s list writes where the shell's standard output went when the path was made.
      this.procFiles.set(path, { output: true, written, run: () => void this.runProcSubst(list, fds, written.join(''), false) });
    } else {
      let data: string | undefined;
      this.procFiles.set(path, { output: false, read: () => (data ??= this.runProcSubst(list, fds, '', true)) });
    }
    return path;
  }

  /** LIST in a subshell with INPUT on its standard input: its standard output when CAPTURE. */
  private runProcSubst(list: List, fds: Fds, input: string, capture: boolean): string {
    const sink = new BufferSink();
    const local = new Map(fds);
    if (capture) local.set(1, sink);
    const saved = this.currentFds;
    this.traceLevel++;
    try {
      this.inSubshell(() => this.expansionExitsOne(() => this.runList(list, local, new Input(input), true)), local);
    } finally {
      this.traceLevel--;
      this.currentFds = saved;
    }
    return sink.data;
  }

  /** The command that had /dev/fd/N from MARK on has ended: run what nobody read, and each >( ) on what it got. */
  private closeProcFiles(mark: number): void {
    const paths = [...this.procFiles.keys()].slice(mark);
    for (const path of paths) {
      const file = this.procFiles.get(path);
      this.procFiles.delete(path);
      if (!file) continue;
      if (file.output) file.run();
      else file.read();
    }
  }

  /** The system a program sees: with this command's /dev/fd/N of <( ) and >( ). */
  private toolSystem(): System {
    if (this.procFiles.size === 0) return this.sys;
    const files = this.procFiles;
    const base = this.sys.fs;
    const stat = { type: 'file' as const, mode: 0o600, size: 0, mtime: 0 };
    const fs = new Proxy(base, {
      get(target, key): unknown {
        if (key === 'read') {
          return (path: string) => {
            const file = files.get(path);
            return file && !file.output ? file.read() : target.read(path);
          };
        }
        if (key === 'write') {
          return (path: string, data: string, append: boolean) => {
            const file = files.get(path);
            if (!file?.output) return target.write(path, data, append);
            file.written.push(data);
            return data.length;
          };
        }
        if (key === 'stat' || key === 'lstat') return (path: string) => (files.has(path) ? stat : target.stat(path));
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return new Proxy(this.sys, {
      get: (target, key): unknown => (key === 'fs' ? fs : Reflect.get(target, key, target)),
      set: (target, key, value): boolean => Reflect.set(target, key, value, target),
    });
  }

  private runCompoundCommand(command: CompoundCommand, fds: Fds, stdin: Input): number {
    const local = new Map(fds);
    const files: FileSink[] = [];
    const redirected = this.applyRedirects(command.redirects, local, files, command.line, stdin);
    if ('status' in redirected) return redirected.status;
    const input = redirected.input;
    let status: number;
    try {
      status = this.runCompoundBody(command, local, input);
    } finally {
      for (const file of files) file.flush();
    }
    return status;
  }

  private runCompoundBody(command: CompoundCommand, fds: Fds, input: Input): number {
    switch (command.kind) {
      case 'subshell':
        return this.inSubshell(() => this.expansionExitsOne(() => this.runList(command.body, fds, input, false)), fds);
      case 'group':
        return this.runList(command.body, fds, input, false);
      case 'if':
        for (const clause of command.clauses) {
          if (this.withErrexitIgnored(true, () => this.runList(clause.condition, fds, input, false)) === 0) return this.runList(clause.body, fds, input, false);
        }
        return command.elseBody ? this.runList(command.elseBody, fds, input, false) : 0;
      case 'while':
      case 'until':
        return this.loop(() => {
          const condition = this.withErrexitIgnored(true, () => this.runList(command.condition, fds, input, false));
          if ((condition === 0) !== (command.kind === 'while')) return false;
          this.runList(command.body, fds, input, false);
          return true;
        });
      case 'for':
        return this.runFor(command, fds, input);
      case 'case':
        return this.runCase(command, fds, input);
      case 'cond':
        return this.runCond(command, fds);
      case 'arith': {
        const value = this.arith(command.expr, command.line, fds, 0n, 'command');
        return value === null || value === 0n ? 1 : 0;
      }
      case 'arithfor':
        return this.runArithFor(command, fds, input);
    }
  }

  /**
   * Run ITERATION until it returns false; break and continue end it or the loop. The
   * status is the last body command's, 0 when the body never ran.
   */
  private loop(iteration: () => boolean): number {
    this.status = 0;
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        if (++this.iterations > MAX_ITERATIONS) {
          // Real bash would spin until the CPU time limit (ulimit -t) kills it with SIGXCPU.
          throw new LimitReached('CPU time limit exceeded\n', 128 + 24);
        }
        try {
          if (!iteration()) {
            this.status = status;
            break;
          }
          status = this.status;
        } catch (e) {
          if (!(e instanceof LoopControl)) throw e;
          status = e.status;
          this.status = status;
          if (e.count > 1) {
            e.count--;
            throw e;
          }
          if (e.kind === 'break') break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private runFor(command: Extract<CompoundCommand, { kind: 'for' }>, fds: Fds, input: Input): number {
    // The words' $( ) trace and complain where the loop's own redirections say.
    this.currentFds = fds;
    const ctx = this.context(command.line);
    let values: string[];
    try {
      values = command.words === null ? [...this.positional] : command.words.flatMap((w) => expandFields(w, ctx));
    } catch (e) {
      return this.expansionFailed(e, fds);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(command.name)) {
      fds.get(2)?.write(`${this.prefix(command.line)}\`${command.name}': not a valid identifier\n`);
      return 1;
    }
    let next = 0;
    const words = command.words === null ? '"$@"' : command.words.map((w) => w.raw).join(' ');
    return this.loop(() => {
      if (next >= values.length) return false;
      this.trace(fds, `for ${command.name} in ${words}`);
      this.sys.env[command.name] = values[next++];
      if (this.options.has('allexport')) this.exported.add(command.name);
      this.runList(command.body, fds, input, false);
      return true;
    });
  }

  /**
   * Evaluate an arithmetic expression of (( )) or for (( )); blank is EMPTY. An error prints
   * bash's "((: …" message and gives null.
   */
  private arith(word: Word, line: number, fds: Fds, empty: bigint, trace?: 'command' | 'for'): bigint | null {
    this.currentFds = fds;
    const ctx = this.context(line);
    try {
      const text = expandString(word, ctx);
      // set -x: `(( expr ))` as written inside; a for (( … )) part without its leading blanks
      if (trace) this.trace(fds, `(( ${trace === 'for' ? text.trimStart() : text} ))`);
      if (text.trim() === '') return empty;
      return evaluateArith(text, (n) => this.arithVariable(n, ctx.prefix), 0, (n, v) => {
        this.sys.env[n] = v;
        if (this.options.has('allexport')) this.exported.add(n);
      });
    } catch (e) {
      if (e instanceof ArithError) {
        fds.get(2)?.write(`${ctx.prefix}((: ${e.text}\n`);
        return null;
      }
      this.expansionFailed(e, fds);
      return null;
    }
  }

  /** A variable (( )) reads; under set -u an unset one ends the shell. */
  private arithVariable(name: string, prefix: string): string | undefined {
    const value = this.sys.env[name] ?? this.bashVariable(name);
    if (value === undefined && this.options.has('nounset')) throw new ExpansionError(`${prefix}${name}: unbound variable\n`, true);
    return value;
  }

  private runArithFor(command: Extract<CompoundCommand, { kind: 'arithfor' }>, fds: Fds, input: Input): number {
    if (this.arith(command.init, command.line, fds, 0n, 'for') === null) return 1;
    let first = true;
    let failed = false;
    const status = this.loop(() => {
      if (!first && this.arith(command.step, command.line, fds, 0n, 'for') === null) {
        failed = true;
        return false;
      }
      first = false;
      const test = this.arith(command.test, command.line, fds, 1n, 'for');
      if (test === null) failed = true;
      if (test === null || test === 0n) return false;
      this.runList(command.body, fds, input, false);
      return true;
    });
    return failed ? 1 : status;
  }

  private runCase(command: Extract<CompoundCommand, { kind: 'case' }>, fds: Fds, input: Input): number {
    this.currentFds = fds;
    const ctx = this.context(command.line);
    let status = 0;
    this.trace(fds, `case ${command.word.raw} in`);
    try {
      const value = expandString(command.word, ctx);
      let fallThrough = false;
      for (const item of command.items) {
        if (!fallThrough && !item.patterns.some((p) => patternRegex(expandPattern(p, ctx)).test(value))) continue;
        status = item.body.items.length ? this.runList(item.body, fds, input, false) : 0;
        if (item.terminator === ';;') break;
        fallThrough = item.terminator === ';&';
      }
    } catch (e) {
      return this.expansionFailed(e, fds);
    }
    return status;
  }

  /** set -x: TEXT as a trace line on FDS's stderr, when tracing. */
  private trace(fds: Fds, text: string): void {
    if (this.options.has('xtrace')) fds.get(2)?.write(`${tracePrompt(this.sys.env.PS4 ?? '+ ', this.traceLevel)}${text}\n`);
  }

  private runCond(command: Extract<CompoundCommand, { kind: 'cond' }>, fds: Fds): number {
    if (!command.expr) return 0;
    this.currentFds = fds;
    const ctx = this.context(command.line);
    const traced = this.options.has('xtrace') ? { ...ctx, traceCond: (text: string) => this.trace(fds, `[[ ${text} ]]`) } : ctx;
    try {
      return condStatus(command.expr, traced);
    } catch (e) {
      return this.expansionFailed(e, fds);
    }
  }

  /** An expansion error's message; the command fails with 1 (or the shell exits, for ${x:?}). */
  private expansionFailed(e: unknown, fds: Fds): number {
    if (!(e instanceof ExpansionError)) throw e;
    fds.get(2)?.write(e.text);
    // A non-interactive shell exits on ${x:?}; bash -c reports 127 for it.
    // Under set -e the shell leaves with 1 instead of ${x:?}'s 127 (bash 5.2 on Debian 12).
    if (e.fatal) throw new ExitRequest(e.exitStatus === 127 && this.options.has('errexit') ? 1 : e.exitStatus, true);
    return 1;
  }

  /** Call the function NAME with ARGV[1…] as $1 …; its locals and `return` end with it. */
  private callFunction(body: CompoundCommand, argv: string[], fds: Fds, stdin: Input): number {
    if (this.frames.length >= MAX_FUNCTION_DEPTH) {
      // Real bash recurses until its stack overflows and dies of SIGSEGV, saying nothing.
      throw new LimitReached('', 128 + 11);
    }
    const positional = this.positional;
    const loopDepth = this.loopDepth;
    const frame = new Map<string, string | undefined>();
    this.positional = argv.slice(1);
    this.loopDepth = 0;
    this.frames.push(frame);
    try {
      return this.runCompound(body, fds, stdin);
    } catch (e) {
      if (e instanceof ReturnRequest) return e.code;
      throw e;
    } finally {
      this.frames.pop();
      for (const [name, value] of frame) {
        if (value === undefined) delete this.sys.env[name];
        else this.sys.env[name] = value;
      }
      this.positional = positional;
      this.loopDepth = loopDepth;
    }
  }

  private context(line: number): ExpandContext {
    return {
      sys: this.sys,
      status: () => this.status,
      pid: this.pid,
      name: this.name,
      flags: () => this.options.flags() + this.source,
      lastAsync: () => this.jobs.lastAsync,
      line,
      prefix: this.prefix(line),
      positional: () => this.positional,
      shellVariable: (name) => this.bashVariable(name),
      option: (name) => this.options.has(name),
      commandSubst: (list) => this.commandSubst(list),
      procSubst: (list, output) => this.procSubst(list, output),
      warn: (text) => this.currentFds.get(2)?.write(text),
    };
  }

  private commandSubst(list: List): string {
    this.traceLevel++;
    try {
      return this.captureSubst(list);
    } finally {
      this.traceLevel--;
    }
  }

  private captureSubst(list: List): string {
    const sink = new BufferSink();
    const fds = new Map(this.currentFds);
    fds.set(1, sink);
    const saved = this.currentFds;
    const errexit = this.options.has('errexit');
    this.options.set('errexit', false);
    // bash's child for $( ) execs its last command itself (`$(cut … /proc/self/stat)` is cut's)
    let status: number;
    try {
      status = this.inSubshell(() => this.expansionExitsOne(() => this.runList(list, fds, new Input(''), true)), fds);
    } finally {
      this.options.set('errexit', errexit);
    }
    this.currentFds = saved;
    this.status = status;
    this.substStatus = status;
    // read_comsub grows its buffer by 512 bytes (RESIZE_MALLOCED_BUFFER); past what the
    // shell can hold, xrealloc fails and bash dies.
    if (sink.overflow > 0) throw outOfMemory((Math.floor(sink.data.length / 512) + 1) * 512, 'xrealloc');
    return sink.data;
  }

  private runSimple(command: SimpleCommand, fds: Fds, stdin: Input, last: boolean, inPlace = last): number {
    const mark = this.procFiles.size;
    try {
      return this.runSimpleCommand(command, fds, stdin, last, inPlace);
    } finally {
      if (this.procFiles.size > mark) this.closeProcFiles(mark);
    }
  }

  private runSimpleCommand(command: SimpleCommand, fds: Fds, stdin: Input, last: boolean, inPlace = last): number {
    const prefix = this.prefix(command.line);
    const ctx = this.context(command.line);
    this.currentFds = fds;
    this.substStatus = null;
    // set -a: what the command assigns (its words' ${x:=}, $(( )), read …) gets the export attribute.
    const before = this.options.has('allexport') ? { ...this.sys.env } : undefined;
    let argv: string[];
    let assignments: Array<[string, string]>;
    try {
      argv = command.words.flatMap((w) => expandFields(w, ctx));
      assignments = command.assignments.map((a) => [a.name, expandString(a.value, ctx)]);
    } catch (e) {
      return this.expansionFailed(e, fds);
    }
    // The trace goes to the caller's stderr: bash prints it before the command's own redirections.
    if (this.options.has('xtrace')) {
      const ps4 = this.sys.env.PS4 ?? '+ ';
      // An assignment-only command traces each assignment on a line of its own.
      if (argv.length === 0) for (const a of assignments) fds.get(2)?.write(traceLine(ps4, this.traceLevel, [a], []));
      else fds.get(2)?.write(traceLine(ps4, this.traceLevel, assignments, argv));
    }
    // A command without redirections shares its caller's descriptors (no copy per command of a loop).
    const local = command.redirects.length ? new Map(fds) : fds;
    const files: FileSink[] = [];
    const redirected = this.applyRedirects(command.redirects, local, files, command.line, stdin);
    if ('status' in redirected) return redirected.status;
    const input = redirected.input;
    for (const [name, value] of assignments) allocateVariable(this.sys.env, name, value);
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.sys.env[name] = value;
      if (before) for (const [name, value] of Object.entries(this.sys.env)) if (before[name] !== value) this.exported.add(name);
      for (const file of files) file.flush();
      return this.substStatus ?? 0;
    }
    const saved = assignments.map(([name]) => [name, this.sys.env[name]] as const);
    for (const [name, value] of assignments) this.sys.env[name] = value;
    // `A=1 cmd`: A is in cmd's environment (and a function's programs'), for that command only.
    const temporary = assignments.map(([name]) => name).filter((name) => !this.exported.has(name));
    for (const name of temporary) this.exported.add(name);
    const outerTemporary = this.temporaryEnv;
    if (assignments.length > 0) this.temporaryEnv = assignments.map(([name]) => name).reverse();
    let status: number;
    let writeError = 0;
    this.lastSignal = undefined;
    try {
      status = this.invoke(argv, local, input, prefix, true, inPlace);
    } finally {
      this.temporaryEnv = outerTemporary;
      for (const name of temporary) this.exported.delete(name);
      if (before) for (const [name, value] of Object.entries(this.sys.env)) if (before[name] !== value) this.exported.add(name);
      for (const [name, value] of saved) {
        if (value === undefined) delete this.sys.env[name];
        else this.sys.env[name] = value;
      }
      // A function's or builtin's output reaches its files even when it leaves by return or break.
      for (const file of files) {
        const rc = file.flush();
        if (rc < 0 && writeError === 0) writeError = rc;
      }
      // A file this command inherited (`for …; done > f`, `f > file`) failed under it.
      for (const fd of [1, 2]) {
        const sink = local.get(fd);
        const rc = sink instanceof FileSink ? sink.takeError() : 0;
        if (rc < 0 && writeError === 0) writeError = rc;
      }
    }
    const builtin = ALL_BUILTINS.has(argv[0]) || BUILTIN_TOOLS.has(argv[0]);
    if (writeError < 0 && !this.functions.has(argv[0])) {
      const rc = writeError;
      // coreutils name themselves as invoked (program_name is argv[0]: "/usr/bin/printf: write error").
      const who = builtin ? `${prefix}${argv[0]}` : argv[0];
      local.get(2)?.write(`${who}: write error: ${strerror[-rc] ?? `Unknown error ${-rc}`}\n`);
      status = 1;
    }
    // Only a death is reported, never a status above 128 a program exited with; and bash -c
    // execs the line's last simple command itself, so nobody reports that one's death.
    const died = this.takeSignal();
    if (died && !last && !builtin && !this.functions.has(argv[0])) {
      fds.get(2)?.write(deathReport(died.signal, true, prefix, died.pid, command.text));
    }
    return status;
  }

  /** Run ARGV: a function (unless `command` asked for none), a builtin, or a program. */
  private invoke(argv: string[], fds: Fds, stdin: Input, prefix: string, functions = true, inPlace = false): number {
    const name = argv[0];
    const out = (text: string): void => fds.get(1)?.write(text);
    const err = (text: string): void => fds.get(2)?.write(text);
    // A program takes what is left of its stdin only when it reads it (cat in a read loop).
    let taken: string | null = null;
    const io: Io = {
      get stdin(): string {
        return (taken ??= stdin.rest());
      },
      out,
      err,
    };
    const fn = functions ? this.functions.get(name) : undefined;
    if (fn) return this.callFunction(fn, argv, fds, stdin);
    if (SHELL_BUILTINS.has(name)) {
      const bctx = { sys: this.sys, prefix, status: this.status, input: stdin, shell: this };
      if (name === 'type') return typeBuiltin(this)(argv, io, bctx);
      if (name === 'wait') return waitBuiltin(this)(argv, io, bctx);
      if (name === 'kill') return killBuiltin(this)(argv, io, bctx);
      if (name === 'set') return setBuiltin(this)(argv, io, bctx);
      if (name === 'let') return letBuiltin(this)(argv, io, bctx);
      if (name === 'export') return exportBuiltin(this)(argv, io, bctx);
      if (name === 'declare' || name === 'typeset') return declareBuiltin(this)(argv, io, { ...bctx, prefix });
      // command [-p] NAME ARGS runs NAME without looking at functions; -v and -V describe.
      const words = commandWords(argv);
      if (words === null || (argv.length > 1 && argv[1].startsWith('-') && argv[1] !== '--' && !/^-p+$/.test(argv[1]))) return commandDescribe(this)(argv, io, bctx);
      return words.length === 0 ? 0 : this.invoke(words, fds, stdin, prefix, false, inPlace);
    }
    const builtin = ALL_BUILTINS.get(name);
    if (builtin) return builtin(argv, io, { sys: this.sys, prefix, status: this.status, input: stdin, shell: this });
    if (BUILTIN_TOOLS.has(name)) {
      const tool = this.tools.get(name);
      if (tool) {
        // A builtin's complaints carry the shell's "bash: line N: " prefix (usage lines do not).
        const builtinErr = (text: string): void => err(text.replace(builtinMessage(name), prefix));
        return this.runTool(tool, argv, { get stdin() { return io.stdin; }, out, err: builtinErr });
      }
    }
    if (name.includes('/')) {
      const path = this.sys.resolve(name);
      const slash = path.lastIndexOf('/');
      const tool = BIN_DIRS.has(path.slice(0, slash) || '/') ? this.tools.get(path.slice(slash + 1)) : undefined;
      // The tools are programs in the bin directories even where the disk lists no file for them.
      if (tool) return this.execProgram(tool, name, argv, io, prefix, inPlace, fds);
      const st = this.sys.fs.stat(path);
      if (typeof st === 'number') {
        err(`${prefix}${name}: ${strerror[-st] ?? strerror[ENOENT]}\n`);
        return 127;
      }
      if (st.type === 'dir') {
        err(`${prefix}${name}: ${strerror[EISDIR]}\n`);
        return 126;
      }
      if ((st.mode & 0o111) === 0) {
        err(`${prefix}${name}: ${strerror[EACCES]}\n`);
        return 126;
      }
      return this.execFile(name, path, argv, io, prefix, inPlace, fds);
    }
    const tool = this.tools.get(name);
    const toolPath = tool ? programPath(name, this.sys.env.PATH) : undefined;
    // A file of one's own on PATH (a script in ~/bin, /usr/local/bin) runs where a PATH entry before the tool's reaches it.
    const own = this.ownProgramOnPath(name, toolPath);
    if (own !== undefined) return this.execFile(name, own, argv, io, prefix, inPlace, fds, own);
    if (!tool) {
      err(`${prefix}${name}: ${this.argv0 === 'sh' ? 'not found' : 'command not found'}\n`);
      return 127;
    }
    return this.execProgram(tool, toolPath ?? `/usr/bin/${name}`, argv, io, prefix, inPlace, fds);
  }

  /** An executable regular file NAME in a PATH directory searched before STOP (the tool's own entry), as findcmd.c finds it. */
  private ownProgramOnPath(name: string, stop: string | undefined): string | undefined {
    for (const entry of (this.sys.env.PATH ?? '').split(':')) {
      const dir = entry === '' ? '.' : entry.replace(/\/+$/, '') || '/';
      if (stop !== undefined && `${dir}/${name}` === stop) return undefined;
      const path = this.sys.resolve(`${dir}/${name}`);
      const st = statFollow(this.sys, path);
      if (typeof st !== 'number' && st.type === 'file' && st.program === undefined && (st.mode & 0o111) !== 0) return path;
    }
    return undefined;
  }

  /**
   * execve of an executable file that is no program of ours: a "#!" script runs its
   * interpreter with the file (`./build.sh`), a text file without one runs in bash itself
   * (ENOEXEC), and anything else cannot be executed.
   */
  private execFile(name: string, path: string, argv: string[], io: Io, prefix: string, inPlace: boolean, fds: Fds | undefined, execPath = name): number {
    const text = this.sys.fs.read(path);
    const st = this.sys.fs.stat(path);
    const kind = typeof text === 'number' || (typeof st !== 'number' && st.image !== undefined) ? ({ kind: 'binary' } as const) : scriptKind(text);
    if (kind.kind === 'binary') {
      io.err(`${prefix}${name}: cannot execute binary file: Exec format error\n`);
      return 126;
    }
    // Without "#!" the shell reads the file itself: bash as bash, dash as sh.
    const interpreter = kind.kind === 'interpreter' ? kind.interpreter : this.argv0 === 'sh' ? '/bin/sh' : '/bin/bash';
    const resolved = this.sys.resolve(interpreter);
    const slash = resolved.lastIndexOf('/');
    const tool = BIN_DIRS.has(resolved.slice(0, slash) || '/') ? this.tools.get(resolved.slice(slash + 1)) : undefined;
    if (!tool) {
      // bash 5.2's words when execve fails with ENOENT for the interpreter.
      io.err(`${prefix}${name}: cannot execute: required file not found\n`);
      return 127;
    }
    const args = kind.kind === 'interpreter' && kind.arg !== undefined ? [kind.arg] : [];
    // The interpreter gets the path execve was given: as typed, or where PATH found it.
    return this.execProgram(tool, interpreter, [interpreter, ...args, execPath, ...argv.slice(1)], io, prefix, inPlace, fds);
  }

  /**
   * fork and execve(PATH, ARGV) a program: E2BIG when one argument is longer than
   * MAX_ARG_STRLEN or all of them (with their NULs and pointers) exceed ARG_MAX; the
   * child then says so and exits 126 (execute_cmd.c: shell_execve).
   */
  private execProgram(tool: Tool, path: string, argv: string[], io: Io, prefix: string, inPlace = false, fds?: Fds): number {
    this.fork();
    let total = 0;
    for (const arg of argv) {
      const bytes = arg.length > MAX_ARG_STRLEN / 3 ? Buffer.byteLength(arg, 'utf8') : arg.length;
      total += bytes + 1 + 8;
      if (bytes + 1 > MAX_ARG_STRLEN || total > ARG_MAX) {
        io.err(`${prefix}${path}: Argument list too long\n`);
        return 126;
      }
    }
    const table = this.sys.kernel.processes;
    const parent = this.proc;
    const proc = inPlace ? parent : table.fork(parent);
    table.exec(proc, this.exePath(path), argv);
    proc.cwd = this.physicalCwd();
    table.current = proc;
    try {
      const shell = SHELL_PROGRAMS[commOf(path)];
      let status: number;
      try {
        status = this.withChildEnvironment(() => (shell && fds ? this.runShellProgram(shell, argv, io, fds, proc) : this.runTool(tool, argv, io)));
      } catch (e) {
        // The child wrote to a pipe nobody reads any more: SIGPIPE ended it, not the shell.
        if (!(e instanceof BrokenPipe)) throw e;
        proc.killedBy = SIGPIPE;
        status = SIGPIPE_STATUS;
      }
      if (proc.killedBy !== undefined) {
        this.lastSignal = { signal: proc.killedBy, pid: proc.pid };
        return 128 + proc.killedBy;
      }
      return status;
    } finally {
      table.current = parent;
      if (!inPlace) table.reap(proc);
    }
  }

  /**
   * Run FN (a program) with only the exported variables in sys.env, as execve passes them;
   * the shell's own variables are all back afterwards, in their order.
   */
  private withChildEnvironment<T>(fn: () => T): T {
    const env = this.sys.env;
    const names = Object.keys(env);
    if (this.temporaryEnv.length === 0 && names.every((name) => this.exported.has(name))) return fn();
    const saved = { ...env };
    for (const name of names) delete env[name];
    // bash's export_env begins with the command's own assignments, the last first (`x=1 y=2 env`: y=2, x=1).
    for (const name of this.temporaryEnv) if (name in saved && this.exported.has(name)) env[name] = saved[name];
    for (const name of names) if (this.exported.has(name) && !(name in env)) env[name] = saved[name];
    try {
      return fn();
    } finally {
      for (const name of Object.keys(env)) delete env[name];
      Object.assign(env, saved);
    }
  }

  /** /proc/PID/exe: the file the kernel ran, its links resolved (/bin/cat is /usr/bin/cat). */
  private exePath(path: string): string {
    const abs = this.sys.resolve(path);
    const real = this.sys.fs.realpath?.(abs, true);
    const file = typeof real === 'string' ? real : abs;
    return file.startsWith('/usr/') ? file : '/usr' + file.slice(file.lastIndexOf('/bin/') >= 0 ? file.lastIndexOf('/bin/') : file.lastIndexOf('/'));
  }

  /** bash or sh run as a program (bash -c LINE NAME ARG …, sh script.sh …), in PROC: its own shell, variables and jobs. */
  private runShellProgram(argv0: 'sh' | 'bash', argv: string[], io: Io, fds: Fds, proc: Process): number {
    const cwd = this.sys.cwd;
    const env = { ...this.sys.env };
    try {
      return runShellArgv(argv0, argv, this.toolSystem(), this.tools, io, fds, proc);
    } finally {
      this.sys.cwd = cwd;
      for (const key of Object.keys(this.sys.env)) if (!(key in env)) delete this.sys.env[key];
      Object.assign(this.sys.env, env);
    }
  }

  /**
   * LIST run as `LIST &`: a child process runs it to its end now, on time of its own: the
   * shell's clock stays where it was, and the child stays alive until the clock gets there.
   */
  private runBackground(andOr: AndOr, fds: Fds): void {
    const kernel = this.sys.kernel;
    const slept = kernel.state.sleptMs ?? 0;
    const start = this.machineMs();
    let job: Process | undefined;
    let status = 0;
    const command = andOr.rest.length === 0 && andOr.first.commands.length === 1 && andOr.first.commands[0].kind === 'simple' ? andOr.first.commands[0].text : '';
    const single = command !== '' && !andOr.first.bang && !andOr.first.time;
    status = this.inSubshell(() => {
      job = this.proc;
      // the job keeps its process after the subshell returns: it is alive until its time is up
      this.proc.until = Number.MAX_SAFE_INTEGER;
      this.proc.background = true;
      return single ? this.runCommand(andOr.first.commands[0], fds, new Input(''), false, true) : this.runAndOr(andOr, fds, new Input(''), false);
    }, fds);
    const took = this.machineMs() - start;
    kernel.state.sleptMs = slept;
    if (job) this.jobs.add(job, command || 'bash', status, took);
  }

  private runTool(tool: Tool, argv: string[], io: Io): number {
    const status = tool.main(argv, io, this.toolSystem());
    return status & 0xff;
  }

  /** A command's redirections, in order: its new stdin, or status 1 once bash's error is printed. */
  private applyRedirects(redirects: SimpleCommand['redirects'], local: Fds, files: FileSink[], line: number, stdin: Input): { input: Input } | { status: number } {
    let input = stdin;
    try {
      for (const r of redirects) input = this.redirect(r, local, files, line, input);
    } catch (e) {
      if (e instanceof RedirectError || e instanceof ExpansionError) {
        local.get(2)?.write(e.text);
        return { status: 1 };
      }
      throw e;
    }
    return { input };
  }

  /** Apply one redirection to FDS; returns the command's stdin. Throws RedirectError. */
  private redirect(r: Redirect, fds: Fds, files: FileSink[], line: number, stdin: Input): Input {
    const prefix = this.prefix(line);
    const ctx = this.context(line);
    if (r.heredoc) return new Input(expandString(r.target, ctx));
    if (r.op === '<<<') return new Input(expandString(r.target, ctx) + '\n');
    if (r.op === '>&' || r.op === '<&') {
      const word = expandString(r.target, ctx);
      if (word === '-') {
        fds.delete(r.fd);
        return stdin;
      }
      if (/^[0-9]+$/.test(word)) {
        const source = fds.get(Number(word));
        if (Number(word) === 0 && r.fd === 0) return stdin;
        if (!source) throw new RedirectError(`${prefix}${word}: Bad file descriptor\n`);
        fds.set(r.fd, source);
        return stdin;
      }
      if (r.op === '<&' || r.fd !== 1) throw new RedirectError(`${prefix}${r.target.raw}: ambiguous redirect\n`);
    }
    const fields = expandFields(r.target, ctx);
    if (fields.length !== 1) throw new RedirectError(`${prefix}${r.target.raw}: ambiguous redirect\n`);
    const name = fields[0];
    if (name === '') throw new RedirectError(`${prefix}: ${strerror[ENOENT]}\n`);
    if (r.op === '<' || r.op === '<>') {
      const path = this.sys.resolve(name);
      const piped = this.procFiles.get(path);
      if (piped && !piped.output) return new Input(piped.read);
      // a process's own /proc files are read when the program reads them, as that program
      if (path.startsWith('/proc/') && typeof this.sys.fs.stat(path) !== 'number') {
        return new Input(() => {
          const data = this.sys.fs.read(path);
          return typeof data === 'number' ? '' : data;
        });
      }
      const data = this.sys.fs.read(path);
      if (typeof data === 'number') {
        if (data === -EISDIR) return new Input('');
        throw new RedirectError(`${prefix}${name}: ${strerror[-data] ?? strerror[ENOENT]}\n`);
      }
      return new Input(data);
    }
    const append = r.op === '>>' || r.op === '&>>';
    const piped = this.procFiles.get(this.sys.resolve(name));
    if (piped?.output) {
      const into: Sink = { write: (text: string) => void piped.written.push(text) };
      if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
        fds.set(1, into);
        fds.set(2, into);
      } else fds.set(r.fd, into);
      return stdin;
    }
    const sink = this.open(name, append, fds, prefix, files, r.op !== '>|' && this.options.has('noclobber'));
    if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
      fds.set(1, sink);
      fds.set(2, sink);
    } else fds.set(r.fd, sink);
    return stdin;
  }

  /** open(2) with O_WRONLY|O_CREAT and O_TRUNC or O_APPEND, as root (or sys.uid). */
  private open(name: string, append: boolean, fds: Fds, prefix: string, files: FileSink[], noclobber = false): Sink {
    const { fs, uid } = this.sys;
    const path = this.sys.resolve(name);
    if (path === '/dev/null') return new NullSink();
    if (path === '/dev/stdout' && fds.get(1)) return fds.get(1) as Sink;
    if (path === '/dev/stderr' && fds.get(2)) return fds.get(2) as Sink;
    const fail = (errno: number): never => {
      throw new RedirectError(`${prefix}${name}: ${strerror[errno] ?? `Unknown error ${errno}`}\n`);
    };
    const pseudo = isPseudoPath(path);
    const st = fs.stat(path);
    let sink: FileSink;
    if (typeof st === 'number') {
      if (st !== -ENOENT) fail(-st);
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const pst = fs.stat(parent);
      if (typeof pst === 'number') fail(-pst);
      else if (pst.type !== 'dir') fail(ENOTDIR);
      else if (pseudo || (uid !== 0 && (pst.mode & 0o002) === 0)) fail(EACCES);
      const rc = fs.write(path, '', false);
      if (rc < 0) fail(-rc);
      sink = new FileSink(fs, path, true, false);
    } else if (st.type === 'dir') {
      fail(EISDIR);
      throw new Error('unreachable');
    } else if (pseudo) {
      const writable = uid === 0 ? (st.mode & 0o222) !== 0 : (st.mode & 0o002) !== 0;
      if (!writable) fail(EACCES);
      sink = new FileSink(fs, path, append, true);
    } else {
      // set -C: `>` (not `>|`, not `>>`) does not truncate an existing regular file.
      if (noclobber && !append && st.type === 'file') throw new RedirectError(`${prefix}${name}: cannot overwrite existing file\n`);
      if (uid !== 0 && (st.mode & 0o002) === 0) fail(EACCES);
      if (!append) {
        const rc = fs.write(path, '', false);
        if (rc < 0) fail(-rc);
      }
      sink = new FileSink(fs, path, true, false);
    }
    files.push(sink);
    return sink;
  }
}

/**
 * bash or sh run as a program with ARGV: the shell reads its options, then runs the -c
 * string (NAME is $0, the ARGs $1 …), a script file with its arguments, or the script on
 * standard input, as a Shell of its own in PROC. Returns its exit status.
 */
export function runShellArgv(argv0: 'sh' | 'bash', argv: readonly string[], sys: System, tools: ReadonlyMap<string, Tool>, io: Io, fds: Fds, proc: Process): number {
  const invocation = parseInvocation(argv0, argv);
  if (!('name' in invocation)) {
    if (invocation.out) io.out(invocation.out);
    if (invocation.err) io.err(invocation.err);
    return invocation.status;
  }
  const source = scriptOf(argv0, invocation, sys, io);
  if (typeof source === 'number') return source;
  const shell = new Shell(sys, tools, fds, argv0, new Map(), proc);
  shell.name = invocation.name;
  shell.positional = invocation.positional;
  shell.source = invocation.command !== null ? 'c' : invocation.script === null ? 's' : '';
  for (const [option, on] of invocation.options) shell.options.set(option, on);
  let parsed: ReturnType<typeof parseLine>;
  try {
    parsed = parseLine(source);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    // bash names the -c string "NAME: -c", a script its path, standard input nothing
    const where = invocation.command !== null ? `${invocation.name}: -c: ` : invocation.script !== null ? `${invocation.name}: ` : 'bash: ';
    io.err(e.text.replace(/^bash: -c: /gm, where));
    return e.status;
  }
  return shell.runProgram(parsed.list, fds, invocation.command === null && invocation.script === null ? '' : io.stdin);
}

/** The text the shell runs, or its status when the script cannot be read (bash's and dash's words). */
function scriptOf(argv0: 'sh' | 'bash', invocation: ShellInvocation, sys: System, io: Io): string | number {
  if (invocation.command !== null) return invocation.command;
  if (invocation.script === null) return io.stdin;
  const path = sys.resolve(invocation.script);
  const data = sys.fs.read(path);
  if (typeof data === 'string') return data;
  if (argv0 === 'sh') {
    // dash opens the file and reads nothing from a directory
    if (data === -EISDIR) return 0;
    io.err(`sh: 0: cannot open ${invocation.script}: ${data === -ENOENT ? 'No such file' : strerror[-data]}\n`);
    return 2;
  }
  if (data === -EISDIR) {
    io.err(`${invocation.script}: ${invocation.script}: ${strerror[EISDIR]}\n`);
    return 126;
  }
  io.err(`bash: ${invocation.script}: ${strerror[-data] ?? strerror[ENOENT]}\n`);
  return data === -ENOENT ? 127 : 126;
}
