/**
 * Reading an exercise file (JSON) into an Exercise, with one clear message per problem:
 * the file, the field (a path such as goal.all[2].loaded) and what is wrong with it.
 * A bad file never stops the others from loading.
 */
import { MAX_SETUP_LINES, type Exercise } from './exercise';
import { BAD_SNAPSHOT_NAME, isSnapshotName } from '../scope/snapshots';
import { parseLine, ShellSyntaxError } from '../shell/parse';
import type { Goal } from './goal';
import { isTaintLetters, TAINT_LETTERS } from './taint';

export interface ExerciseProblem {
  file: string;
  /** Dotted path of the field, or "(file)" for the file as a whole. */
  field: string;
  problem: string;
}

export function formatProblem(p: ExerciseProblem): string {
  return `${p.file}: ${p.field}: ${p.problem}`;
}

export type ExerciseParse = { ok: true; exercise: Exercise } | { ok: false; problems: ExerciseProblem[] };

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const TOP_FIELDS = ['id', 'title', 'topic', 'task', 'hints', 'snapshot', 'setup', 'goal', 'success', 'solution'];
/** A setup line as long as a chat message may be. */
const MAX_SETUP_LINE = 2000;
const LEAVES = ['all', 'any', 'not', 'loaded', 'notLoaded', 'file', 'tainted', 'notTainted', 'ran', 'notRan', 'output', 'klog'];
const MODULE_NAME = /^[A-Za-z0-9_-]{1,55}$/;
const MAX_TEXT = 3000;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

class Checker {
  readonly problems: ExerciseProblem[] = [];
  constructor(private readonly file: string) {}

  add(field: string, problem: string): void {
    this.problems.push({ file: this.file, field, problem });
  }

  text(doc: Json, field: string, path: string, required: boolean, max = MAX_TEXT): string | undefined {
    const v = doc[field];
    if (v === undefined) {
      if (required) this.add(path, 'is missing (a text is required)');
      return undefined;
    }
    if (typeof v !== 'string') return void this.add(path, `must be a text, not ${kind(v)}`);
    if (v.trim() === '') return void this.add(path, 'is empty');
    if (v.length > max) return void this.add(path, `is ${v.length} characters long; at most ${max}`);
    return v;
  }

  regex(v: unknown, path: string): string | undefined {
    if (typeof v !== 'string') return void this.add(path, `must be a regular expression (a text), not ${kind(v)}`);
    try {
      new RegExp(v);
    } catch (error) {
      return void this.add(path, `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
    return v;
  }

  lines(v: unknown, path: string): string[] | undefined {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return void this.add(path, `must be a list of texts, not ${kind(v)}`);
    v.forEach((line, i) => {
      if (typeof line !== 'string') this.add(`${path}[${i}]`, `must be a text, not ${kind(line)}`);
    });
    return v.filter((line): line is string => typeof line === 'string');
  }

  /** Shell lines run before the class arrives: texts, not empty, bounded. */
  setupLines(v: unknown, path: string): string[] | undefined {
    const lines = this.lines(v, path);
    if (lines === undefined) return undefined;
    if (lines.length > MAX_SETUP_LINES) this.add(path, `has ${lines.length} lines; at most ${MAX_SETUP_LINES}`);
    (v as unknown[]).forEach((line, i) => {
      if (typeof line !== 'string') return;
      if (line.trim() === '') this.add(`${path}[${i}]`, 'is empty');
      else if (line.length > MAX_SETUP_LINE) this.add(`${path}[${i}]`, `is ${line.length} characters long; at most ${MAX_SETUP_LINE}`);
      else {
        // Caught here rather than on the first class's machine: bash's own words, first line.
        const why = syntaxError(line);
        if (why) this.add(`${path}[${i}]`, `bash cannot run it: ${why}`);
      }
    });
    return lines;
  }

  goal(v: unknown, path: string, depth = 0): Goal | undefined {
    if (!isObject(v)) return void this.add(path, `must be an object such as {"loaded": "hello"}, not ${kind(v)}`);
    if (depth > 8) return void this.add(path, 'nests too deeply (at most 8 levels)');
    const keys = Object.keys(v).filter((k) => k !== 'label');
    const kinds = keys.filter((k) => LEAVES.includes(k));
    if (v.label !== undefined && typeof v.label !== 'string') this.add(`${path}.label`, `must be a text, not ${kind(v.label)}`);
    if (kinds.length === 0) {
      return void this.add(path, `has no goal kind${keys.length ? ` (${keys.map((k) => `"${k}"`).join(', ')} is not one)` : ''}; use one of ${LEAVES.join(', ')}`);
    }
    if (kinds.length > 1) return void this.add(path, `has several goal kinds (${kinds.join(', ')}); use one per object and combine them with "all"`);
    const k = kinds[0] as string;
    const allowed: Record<string, string[]> = { file: ['file', 'equals', 'contains', 'matches', 'missing'], ran: ['ran', 'exit'], output: ['output', 'from'] };
    for (const key of keys) {
      if (!(allowed[k] ?? [k]).includes(key)) this.add(`${path}.${key}`, `is not a field of a "${k}" goal${allowed[k] ? ` (fields: ${allowed[k]?.join(', ')})` : ''}`);
    }
    const before = this.problems.length;
    const value = v[k];
    switch (k) {
      case 'all':
      case 'any': {
        if (!Array.isArray(value) || value.length === 0) {
          this.add(`${path}.${k}`, `must be a non-empty list of goals, not ${Array.isArray(value) ? 'an empty list' : kind(value)}`);
          break;
        }
        value.forEach((g, i) => this.goal(g, `${path}.${k}[${i}]`, depth + 1));
        break;
      }
      case 'not':
        this.goal(value, `${path}.not`, depth + 1);
        break;
      case 'loaded':
      case 'notLoaded':
        if (typeof value !== 'string' || !MODULE_NAME.test(value)) this.add(`${path}.${k}`, `must be a module name such as "mod_b", not ${typeof value === 'string' ? JSON.stringify(value) : kind(value)}`);
        break;
      case 'tainted':
      case 'notTainted':
        if (typeof value !== 'string' || !isTaintLetters(value)) this.add(`${path}.${k}`, `must be taint letters from ${TAINT_LETTERS} (e.g. "OE"), not ${typeof value === 'string' ? JSON.stringify(value) : kind(value)}`);
        break;
      case 'file': {
        if (typeof value !== 'string' || !value.startsWith('/')) this.add(`${path}.file`, 'must be an absolute path such as "/proc/sys/kernel/tainted"');
        const tests = ['equals', 'contains', 'matches', 'missing'].filter((t) => v[t] !== undefined);
        if (tests.length === 0) this.add(path, 'a "file" goal needs one of equals, contains, matches or missing');
        for (const t of ['equals', 'contains']) if (v[t] !== undefined && typeof v[t] !== 'string') this.add(`${path}.${t}`, `must be a text, not ${kind(v[t])}`);
        if (v.matches !== undefined) this.regex(v.matches, `${path}.matches`);
        if (v.missing !== undefined && v.missing !== true) this.add(`${path}.missing`, 'must be true (leave it out otherwise)');
        break;
      }
      case 'ran':
      case 'notRan':
      case 'klog':
        this.regex(value, `${path}.${k}`);
        if (k === 'ran' && v.exit !== undefined && (typeof v.exit !== 'number' || !Number.isInteger(v.exit) || v.exit < 0 || v.exit > 255)) {
          this.add(`${path}.exit`, 'must be an exit status, 0 to 255');
        }
        break;
      case 'output':
        this.regex(value, `${path}.output`);
        if (v.from !== undefined) this.regex(v.from, `${path}.from`);
        break;
    }
    return this.problems.length === before ? (v as unknown as Goal) : undefined;
  }
}

/** Bash's syntax error for LINE (its first line, as `bash -c` prints it), or undefined when it parses. */
function syntaxError(line: string): string | undefined {
  try {
    parseLine(line);
    return undefined;
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return error.text.split('\n')[0];
  }
}

/** Parse the text of an exercise file named FILE. */
export function parseExerciseFile(file: string, text: string, source = file): ExerciseParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ file, field: '(file)', problem: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return checkExercise(file, doc, source);
}

export function checkExercise(file: string, doc: unknown, source = file): ExerciseParse {
  const c = new Checker(file);
  if (!isObject(doc)) {
    c.add('(file)', `must hold one exercise, a JSON object, not ${kind(doc)}`);
    return { ok: false, problems: c.problems };
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_FIELDS.includes(key)) c.add(key, `is not a field of an exercise (fields: ${TOP_FIELDS.join(', ')})`);
  }
  const id = c.text(doc, 'id', 'id', true, 40);
  if (id !== undefined && !ID.test(id)) c.add('id', `${JSON.stringify(id)} must be lowercase letters, digits and "-" (at most 40), starting with a letter or digit`);
  const title = c.text(doc, 'title', 'title', true, 100);
  const topic = c.text(doc, 'topic', 'topic', false, 40);
  const task = c.text(doc, 'task', 'task', true);
  const success = c.text(doc, 'success', 'success', false);
  const hints = c.lines(doc.hints, 'hints') ?? [];
  const solution = c.lines(doc.solution, 'solution');
  const snapshot = c.text(doc, 'snapshot', 'snapshot', false, 32);
  if (snapshot !== undefined && !isSnapshotName(snapshot)) c.add('snapshot', `${JSON.stringify(snapshot)}: ${BAD_SNAPSHOT_NAME}`);
  let setup: Exercise['setup'] = {};
  if (Array.isArray(doc.setup)) {
    // The short form: the list of setup lines.
    const commands = c.setupLines(doc.setup, 'setup');
    if (commands) setup = { commands };
  } else if (doc.setup !== undefined) {
    if (!isObject(doc.setup)) c.add('setup', `must be a list of shell lines, or an object with "cmdline" and/or "commands", not ${kind(doc.setup)}`);
    else {
      for (const key of Object.keys(doc.setup)) if (!['cmdline', 'commands'].includes(key)) c.add(`setup.${key}`, 'is not a field of setup (fields: cmdline, commands)');
      const cmdline = doc.setup.cmdline;
      if (cmdline !== undefined && typeof cmdline !== 'string') c.add('setup.cmdline', `must be a text, not ${kind(cmdline)}`);
      // A snapshot's machine booted long ago, with its own command line.
      if (cmdline !== undefined && snapshot !== undefined) c.add('setup.cmdline', 'cannot go with "snapshot": the snapshot\'s machine was booted with its own command line');
      const commands = c.setupLines(doc.setup.commands, 'setup.commands');
      setup = { ...(typeof cmdline === 'string' ? { cmdline } : {}), ...(commands ? { commands } : {}) };
    }
  }
  let goal: Goal | undefined;
  if (doc.goal === undefined) c.add('goal', 'is missing (what the class must achieve, e.g. {"loaded": "hello"})');
  else goal = c.goal(doc.goal, 'goal');
  if (c.problems.length > 0 || id === undefined || title === undefined || task === undefined || goal === undefined) {
    return { ok: false, problems: c.problems };
  }
  const exercise: Exercise = { id, title, task, hints, setup, goal, source };
  if (topic !== undefined) exercise.topic = topic;
  if (snapshot !== undefined) exercise.snapshot = snapshot.toLowerCase();
  if (success !== undefined) exercise.success = success;
  if (solution !== undefined) exercise.solution = solution;
  return { ok: true, exercise };
}
