/**
 * A quiz template: a family of situations on a scratch machine. One question asks about
 * one situation; its right answer is what the simulator printed or did there, and its
 * distractors are what it printed or did in the template's other situations (real
 * outputs of other machines, never text typed into the template).
 */
import type { Rng } from './rng';
import type { ProbeResult, Situation } from './scratch';

export const TOPICS = [
  'lsmod', 'deps', 'modinfo', 'dmesg', 'taint', 'rmmod', 'init', 'errors', 'holders', 'gpl', 'params', 'blacklist', 'modprobe-r', 'noexit', 'build',
] as const;

export type Topic = (typeof TOPICS)[number];

export interface Draw {
  asked: Situation;
  /** Other situations, in the order to try them for distractors. */
  others: Situation[];
  /** The question, given the asked situation's result. */
  ask(result: ProbeResult): string;
  /** The answer a result stands for (the exact output, a module list, a number…). */
  observe(result: ProbeResult): string;
  /** The fact behind the right answer, for the reveal. */
  fact(result: ProbeResult): string;
  /** Extra kernel command line for every scratch machine of this question. */
  cmdline?: string;
}

export interface Template {
  id: string;
  topic: Topic;
  /** One line for instructors: what the template asks. */
  about: string;
  draw(rng: Rng): Draw;
}

/** What a command printed, as a choice shows it. */
export function printed(result: ProbeResult): string {
  if (result.output === '') return '(prints nothing)';
  // modinfo -F depends of a module without dependencies prints an empty line, not nothing.
  if (result.output === '\n') return '(prints an empty line)';
  return result.output.replace(/\n$/, '');
}

export function listOrNone(names: readonly string[]): string {
  return names.length === 0 ? 'none' : [...names].sort().join(', ');
}

/** Modules the probe removed. */
export function removed(result: ProbeResult): string[] {
  return result.before.filter((name) => !result.after.includes(name));
}

/** Modules the probe loaded. */
export function added(result: ProbeResult): string[] {
  return result.after.filter((name) => !result.before.includes(name));
}

/** Situations: the same probe after each of SETUPS. */
export function sameProbe(probe: string, setups: readonly string[][]): Situation[] {
  return setups.map((setup) => ({ setup: [...setup], probe }));
}

/** Draw: ask about one of SITUATIONS (random), the rest feed distractors. */
export function oneOf(rng: Rng, situations: readonly Situation[]): { asked: Situation; others: Situation[] } {
  const shuffled = rng.shuffle(situations);
  const [asked, ...others] = shuffled;
  if (!asked) throw new Error('a template needs at least one situation');
  return { asked, others };
}
