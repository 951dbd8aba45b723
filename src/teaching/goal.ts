/**
 * Exercise goals: declarative conditions an instructor can write in JSON (README-teaching.md,
 * "Goals"). Two kinds of leaves:
 *  - state leaves look at the machine as it is now (loaded, notLoaded, file, tainted, notTainted);
 *  - event leaves look at what happened since the exercise started (ran, notRan, output, klog).
 * Event leaves are checked against each command as it runs; the ones a command met are
 * remembered by their path ("all[2]"), so progress stays small however long a lab runs.
 */
import type { System } from '../userland/tool';
import { taintMask } from './taint';

export type Goal =
  | { all: Goal[]; label?: string }
  | { any: Goal[]; label?: string }
  | { not: Goal; label?: string }
  | { loaded: string; label?: string }
  | { notLoaded: string; label?: string }
  | { file: string; equals?: string; contains?: string; matches?: string; missing?: boolean; label?: string }
  | { tainted: string; label?: string }
  | { notTainted: string; label?: string }
  | { ran: string; exit?: number; label?: string }
  | { notRan: string; label?: string }
  | { output: string; from?: string; label?: string }
  | { klog: string; label?: string };

/** One command as the goal checker sees it. */
export interface CommandEvent {
  line: string;
  exitCode: number;
  output: string;
  /** Kernel log lines that appeared while it ran. */
  klog: string[];
}

/** What event leaves have seen so far: paths met (ran/output/klog) and broken (notRan). */
export interface EventMemory {
  met: string[];
  broken: string[];
}

function isEventLeaf(goal: Goal): boolean {
  return 'ran' in goal || 'notRan' in goal || 'output' in goal || 'klog' in goal;
}

function children(goal: Goal): Array<[string, Goal]> {
  if ('all' in goal) return goal.all.map((g, i) => [`all[${i}]`, g]);
  if ('any' in goal) return goal.any.map((g, i) => [`any[${i}]`, g]);
  if ('not' in goal) return [['not', goal.not]];
  return [];
}

/** Every event leaf with its path, e.g. ["all[1]", {ran: "^lsmod"}]. */
export function eventLeaves(goal: Goal, path = 'goal'): Array<[string, Goal]> {
  if (isEventLeaf(goal)) return [[path, goal]];
  return children(goal).flatMap(([sub, g]) => eventLeaves(g, `${path}.${sub}`));
}

/** Update MEMORY with one command: which event leaves it meets or breaks. */
export function observe(goal: Goal, event: CommandEvent, memory: EventMemory): void {
  for (const [path, leaf] of eventLeaves(goal)) {
    if ('notRan' in leaf) {
      if (new RegExp(leaf.notRan).test(event.line) && !memory.broken.includes(path)) memory.broken.push(path);
      continue;
    }
    if (memory.met.includes(path)) continue;
    if (eventMatches(leaf, event)) memory.met.push(path);
  }
}

function eventMatches(leaf: Goal, event: CommandEvent): boolean {
  if ('ran' in leaf) return new RegExp(leaf.ran).test(event.line) && (leaf.exit === undefined || leaf.exit === event.exitCode);
  if ('output' in leaf) {
    if (leaf.from !== undefined && !new RegExp(leaf.from).test(event.line)) return false;
    return new RegExp(leaf.output, 'm').test(event.output);
  }
  if ('klog' in leaf) return event.klog.some((line) => new RegExp(leaf.klog).test(line));
  return false;
}

/** Is GOAL met on SYS, given the events remembered in MEMORY? */
export function isMet(goal: Goal, sys: System, memory: EventMemory, path = 'goal'): boolean {
  if ('all' in goal) return goal.all.every((g, i) => isMet(g, sys, memory, `${path}.all[${i}]`));
  if ('any' in goal) return goal.any.some((g, i) => isMet(g, sys, memory, `${path}.any[${i}]`));
  if ('not' in goal) return !isMet(goal.not, sys, memory, `${path}.not`);
  if ('notRan' in goal) return !memory.broken.includes(path);
  if (isEventLeaf(goal)) return memory.met.includes(path);
  if ('loaded' in goal) return sys.kernel.find(goal.loaded) !== undefined;
  if ('notLoaded' in goal) return sys.kernel.find(goal.notLoaded) === undefined;
  if ('tainted' in goal) {
    const want = taintMask(goal.tainted);
    return (sys.kernel.state.tainted & want) === want;
  }
  if ('notTainted' in goal) return (sys.kernel.state.tainted & taintMask(goal.notTainted)) === 0;
  if ('file' in goal) {
    const content = sys.fs.read(goal.file);
    if (goal.missing) return typeof content === 'number';
    if (typeof content === 'number') return false;
    if (goal.equals !== undefined && content !== goal.equals && content !== goal.equals + '\n') return false;
    if (goal.contains !== undefined && !content.includes(goal.contains)) return false;
    if (goal.matches !== undefined && !new RegExp(goal.matches, 'm').test(content)) return false;
    return true;
  }
  return false;
}

/** A notRan leaf that was broken at the top level of an `all`: the goal can no longer be met this attempt. */
export function brokenRules(goal: Goal, memory: EventMemory): Goal[] {
  const top = 'all' in goal ? goal.all.map((g, i): [string, Goal] => [`goal.all[${i}]`, g]) : [['goal', goal] as [string, Goal]];
  return top.filter(([path, g]) => 'notRan' in g && memory.broken.includes(path)).map(([, g]) => g);
}

/** One line a person can read: the goal's own label, or one made from its fields. */
export function describeGoal(goal: Goal): string {
  if (goal.label) return goal.label;
  if ('all' in goal) return goal.all.map(describeGoal).join('; and ');
  if ('any' in goal) return `one of: ${goal.any.map(describeGoal).join('; or ')}`;
  if ('not' in goal) return `not (${describeGoal(goal.not)})`;
  if ('loaded' in goal) return `module ${goal.loaded} is loaded`;
  if ('notLoaded' in goal) return `module ${goal.notLoaded} is not loaded`;
  if ('tainted' in goal) return `the kernel is tainted ${goal.tainted}`;
  if ('notTainted' in goal) return `the kernel is not tainted ${goal.notTainted}`;
  if ('ran' in goal) return `someone ran a command matching /${goal.ran}/${goal.exit === undefined ? '' : ` (exit ${goal.exit})`}`;
  if ('notRan' in goal) return `nobody ran a command matching /${goal.notRan}/`;
  if ('output' in goal) return `a command printed /${goal.output}/`;
  if ('klog' in goal) return `the kernel logged /${goal.klog}/`;
  if (goal.missing) return `${goal.file} does not exist`;
  if (goal.equals !== undefined) return `${goal.file} holds ${JSON.stringify(goal.equals)}`;
  if (goal.contains !== undefined) return `${goal.file} contains ${JSON.stringify(goal.contains)}`;
  return `${goal.file} matches /${goal.matches ?? ''}/`;
}

/** The top-level parts of a goal (the items of an `all`), for a checklist. */
export function goalParts(goal: Goal): Array<{ path: string; goal: Goal }> {
  if ('all' in goal && !goal.label) return goal.all.map((g, i) => ({ path: `goal.all[${i}]`, goal: g }));
  return [{ path: 'goal', goal }];
}
