/**
 * awk as Debian 12 installs it: /usr/bin/awk → /etc/alternatives/awk → /usr/bin/mawk,
 * mawk 1.3.4-20200120. Options as init.c's process_cmdline reads them (-f -F -v -W --,
 * no long options), errors as error.c prints them, exit status 2 for every error.
 */
import type { Io, System, Tool } from '../tool';
import type { Program } from './ast';
import { parseAwk, AwkSyntaxError } from './parser';
import { rmEscape } from './lexer';
import { AwkFatal, AwkRuntimeError, ExitSignal, Interpreter, NEXT, NEXTFILE } from './interp';
import { errnoText, now } from '../files';
import { fromInput } from './value';
import { compileAwkRegex, AwkRegexError } from './regex';

const USAGE = [
  'Usage: mawk [Options] [Program] [file ...]',
  '',
  'Program:',
  '    The -f option value is the name of a file containing program text.',
  '    If no -f option is given, a "--" ends option processing; the following',
  '    parameters are the program text.',
  '',
  'Options:',
  '    -f program-file  Program  text is read from file instead of from the',
  '                     command-line.  Multiple -f options are accepted.',
  '    -F value         sets the field separator, FS, to value.',
  '    -v var=value     assigns value to program variable var.',
  '    --               unambiguous end of options.',
  '',
  '    Implementation-specific options are prefixed with "-W".  They can be',
  '    abbreviated:',
  '',
  '    -W version       show version information and exit.',
  '    -W dump          show assembler-like listing of program and exit.',
  '    -W help          show this message and exit.',
  '    -W interactive   set unbuffered output, line-buffered input.',
  '    -W exec file     use file as program as well as last option.',
  '    -W random=number set initial random seed.',
  '    -W sprintf=number adjust size of sprintf buffer.',
  '    -W posix_space   do not consider "\\n" a space.',
  '    -W usage         show this message and exit.',
].join('\n') + '\n';

/** version.c's print_version: the banner on stdout, the build's settings on stderr (Debian's build). */
const VERSION = 'mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\n';
const BUILD = 'random-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n';

/** Long options mawk names before refusing (bad_option): it goes on after these. */
const TOLERATED = new Set(['--lint', '--lint-old', '--posix', '--re-interval', '--traditional']);

interface Options {
  programFiles: string[];
  assigns: string[];
  fs: string | null;
  text: string | null;
  operands: string[];
}

/** process_cmdline(); a number is the exit status after what it printed. */
function parseOptions(argv: string[], io: Io, prog: string): Options | number {
  const o: Options = { programFiles: [], assigns: [], fs: null, text: null, operands: [] };
  if (argv.length <= 1) {
    io.err(USAGE);
    return 0;
  }
  let i = 1;
  let longSeen = false;
  while (i < argv.length && argv[i][0] === '-') {
    const a = argv[i];
    if (a.length === 1) {
      if (o.programFiles.length === 0) return 0;
      break;
    }
    if (a.length > 2 && a.startsWith('--')) {
      if (!longSeen) {
        longSeen = true;
        io.err(`${prog}: not an option: ${a}\n`);
        if (!TOLERATED.has(a)) return 2;
      }
      i++;
      continue;
    }
    let arg: string;
    let next: number;
    if (a.length === 2) {
      if (i === argv.length - 1 && a[1] !== '-') {
        if ('WFvf'.includes(a[1])) {
          io.err(`${prog}: option ${a} lacks argument\n`);
          return 2;
        }
        io.err(`${prog}: not an option: ${a}\n`);
        return 2;
      }
      arg = argv[i + 1];
      next = i + 2;
    } else {
      arg = a.slice(2);
      next = i + 1;
    }
    switch (a[1]) {
      case 'W': {
        const w = arg.toLowerCase();
        if ('version'.startsWith(w) && w !== '') {
          io.out(VERSION);
          io.err(BUILD);
          return 0;
        }
        if (('help'.startsWith(w) || 'usage'.startsWith(w)) && w !== '') {
          io.err(USAGE);
          return 0;
        }
        break;
      }
      case 'v':
        if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) {
          io.err(`${prog}: improper assignment: -v ${arg}\n`);
          return 2;
        }
        o.assigns.push(arg);
        break;
      case 'F':
        o.fs = rmEscape(arg);
        break;
      case 'f':
        o.programFiles.push(arg);
        break;
      case '-':
        if (a.length > 2) {
          io.err(`${prog}: not an option: ${a}\n`);
          return 2;
        }
        i++;
        return finish(o, argv, i, io);
      default:
        io.err(`${prog}: not an option: ${a}\n`);
        return 2;
    }
    i = next;
  }
  return finish(o, argv, i, io);
}

function finish(o: Options, argv: string[], i: number, _io: Io): Options | number {
  if (o.programFiles.length === 0) {
    if (i >= argv.length) return 0;
    o.text = argv[i];
    o.operands = argv.slice(i + 1);
  } else {
    o.operands = argv.slice(i);
  }
  return o;
}

export function main(argv: string[], io: Io, sys: System): number {
  // error.c prints progname: the basename of argv[0] ("awk" through the alternatives link)
  const prog = (argv[0] ?? 'mawk').slice((argv[0] ?? '').lastIndexOf('/') + 1) || 'mawk';
  const parsed = parseOptions(argv, io, prog);
  if (typeof parsed === 'number') return parsed;
  // scan_init(): a command-line program ends with a simulated newline, so its end of file is on the next line
  let source = parsed.text === null ? '' : parsed.text + '\n';
  let programName: string | null = null;
  if (parsed.text === null) {
    const texts: string[] = [];
    for (const f of parsed.programFiles) {
      const data = f === '-' || f === '/dev/stdin' ? io.stdin : sys.fs.read(sys.resolve(f));
      if (typeof data === 'number') {
        io.err(`${prog}: cannot open ${f} (${errnoText(data)})\n`);
        return 2;
      }
      texts.push(data);
    }
    source = texts.join('\n');
    programName = parsed.programFiles[0];
  }
  let program: Program;
  try {
    program = parseAwk(source);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    const where = programName !== null ? `${programName}: ` : '';
    if (e.form === 'unexpected') io.err(`${prog}: ${e.line}: ${e.message}\n`);
    else io.err(`${prog}: ${where}line ${e.line}: ${e.message}\n`);
    return 2;
  }
  const badRe = firstBadRegex(program);
  if (badRe !== null) {
    io.err(`${prog}: line ${badRe.line}: regular expression compile failed (${badRe.why})\n${badRe.source}\n`);
    return 2;
  }
  const interp = new Interpreter(program, io, sys, parsed.operands, Math.floor(now(sys) / 1000));
  if (parsed.fs !== null) interp.global('FS').value = parsed.fs;
  for (const a of parsed.assigns) {
    const eq = a.indexOf('=');
    interp.global(a.slice(0, eq)).value = fromInput(rmEscape(a.slice(eq + 1)));
  }
  return run(interp, program, io, prog);
}

function run(interp: Interpreter, program: Program, io: Io, prog: string): number {
  let status = 0;
  try {
    let exited: boolean;
    try {
      for (const b of program.begin) interp.execBlock(b);
      exited = false;
    } catch (s) {
      if (!(s instanceof ExitSignal)) throw s;
      exited = true;
    }
    if (!exited && (program.items.length > 0 || program.end.length > 0)) {
      mainLoop(interp, program);
    }
    try {
      // exit in BEGIN or in an action still runs END (POSIX); exit inside END ends it
      for (const b of program.end) interp.execBlock(b);
    } catch (s) {
      if (!(s instanceof ExitSignal)) throw s;
    }
    status = interp.exitCode;
  } catch (e) {
    if (e instanceof AwkRuntimeError) {
      interp.closeAll();
      io.err(`${prog}: run time error: ${e.message}\n${interp.where()}\n`);
      return 2;
    }
    if (e instanceof AwkFatal) {
      io.err(e.bare ? `${e.message}\n` : `${prog}: ${e.message}\n`);
      return e.status;
    }
    if (e === NEXT || e === NEXTFILE) {
      status = interp.exitCode;
    } else throw e;
  }
  interp.closeAll();
  return status;
}

/** The main input through the pattern-action items; true when exit ended it. */
function mainLoop(interp: Interpreter, program: Program): boolean {
  const inRange = program.items.map(() => false);
  for (;;) {
    const rec = interp.nextMainRecord();
    if (rec === null) return false;
    interp.countRecord();
    interp.setRecord(rec);
    try {
      program.items.forEach((item, k) => {
        let hit: boolean;
        if (item.end !== null) {
          if (!inRange[k]) {
            if (truth(interp, item.pattern)) {
              inRange[k] = !truth(interp, item.end);
              hit = true;
            } else hit = false;
          } else {
            hit = true;
            if (truth(interp, item.end)) inRange[k] = false;
          }
        } else hit = item.pattern === null || truth(interp, item.pattern);
        if (!hit) return;
        if (item.body === null) interp.execBlock([{ kind: 'print', args: [], redirect: null }]);
        else interp.execBlock(item.body);
      });
    } catch (s) {
      if (s === NEXT) continue;
      if (s === NEXTFILE) {
        interp.skipFile();
        continue;
      }
      if (s instanceof ExitSignal) return true;
      throw s;
    }
  }
}

function truth(interp: Interpreter, e: Program['items'][number]['pattern']): boolean {
  if (e === null) return true;
  const v = interp.eval(e);
  if (typeof v === 'number') return v !== 0;
  if (v === null) return false;
  if (typeof v === 'string') return v !== '';
  return v.n !== 0;
}

/** A regex literal mawk would refuse while compiling (re_cmpl.c's compile_error). */
function firstBadRegex(program: Program): { line: number; why: string; source: string } | null {
  let found: { line: number; why: string; source: string } | null = null;
  const visit = (node: unknown): void => {
    if (found !== null || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as { kind?: string; source?: string };
    if (n.kind === 'regex' && typeof n.source === 'string') {
      try {
        compileAwkRegex(n.source);
      } catch (e) {
        if (e instanceof AwkRegexError) found = { line: 1, why: e.message, source: n.source };
      }
    }
    for (const v of Object.values(node)) if (typeof v === 'object') visit(v);
  };
  visit([program.begin, program.items, program.end, [...program.funcs.values()].map((f) => f.body)]);
  return found;
}

export const awk: Tool = { name: 'awk', main, summary: 'pattern scanning and text processing language (mawk)' };
export const mawk: Tool = { name: 'mawk', main, summary: 'pattern scanning and text processing language' };
