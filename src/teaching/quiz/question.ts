/**
 * One quiz question from a seed: pick a template (of a topic), draw its situations, run
 * them on scratch machines, and keep the asked situation's answer plus 2–4 different
 * answers of other situations, in a seeded order.
 */
import { Rng } from './rng';
import type { Scratch } from './scratch';
import { templates } from './templates';
import type { Template, Topic } from './template';
import { TOPICS } from './template';

export interface Question {
  template: string;
  topic: Topic;
  seed: number;
  /** Setup lines (run on a freshly booted machine), then the question. */
  setup: string[];
  probe: string;
  text: string;
  /** 3 to 5 answers, each what a scratch machine printed or did. */
  choices: string[];
  correct: number;
  fact: string;
  /** Every line that shows the answer on a fresh machine. */
  shows: string;
}

export const MIN_CHOICES = 3;
export const MAX_CHOICES = 5;
const ATTEMPTS = 12;

export function isTopic(word: string): word is Topic {
  return (TOPICS as readonly string[]).includes(word);
}

export function templatesFor(topic?: string): readonly Template[] {
  if (!topic) return templates;
  return templates.filter((t) => t.topic === topic || t.id === topic);
}

/** Build the question SEED names (within TOPIC, or a template id), or undefined when none fits. */
export function generateQuestion(scratch: Scratch, seed: number, topic?: string): Question | undefined {
  const pool = templatesFor(topic);
  if (pool.length === 0) return undefined;
  const rng = new Rng(seed);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const template = rng.pick(pool);
    const question = fromTemplate(scratch, template, rng, seed);
    if (question) return question;
  }
  return undefined;
}

/**
 * Whether VALUE may be shown as a choice: never a shell's complaint about a tool the
 * machine lacks (a class was offered `bash: line 1: cut: command not found`), and never a
 * template's own plumbing leaking into the text (modpost's own `"x" [m.ko] undefined!` is
 * real output, not a leak).
 */
export function isShowable(value: string): boolean {
  return !/command not found|\bundefined\b(?!!)|\bNaN\b|\[object /.test(value);
}

export function fromTemplate(scratch: Scratch, template: Template, rng: Rng, seed: number): Question | undefined {
  const draw = template.draw(rng);
  const asked = scratch.run(draw.asked, draw.cmdline);
  const correct = draw.observe(asked);
  if (!isShowable(correct)) return undefined;
  const wanted = MIN_CHOICES - 1 + rng.int(MAX_CHOICES - MIN_CHOICES + 1);
  const distractors: string[] = [];
  for (const situation of draw.others) {
    if (distractors.length >= wanted) break;
    const value = draw.observe(scratch.run(situation, draw.cmdline));
    if (value !== correct && !distractors.includes(value) && isShowable(value)) distractors.push(value);
  }
  if (distractors.length < MIN_CHOICES - 1) return undefined;
  const choices = rng.shuffle([correct, ...distractors]);
  return {
    template: template.id,
    topic: template.topic,
    seed,
    setup: draw.asked.setup,
    probe: draw.asked.probe,
    text: draw.ask(asked),
    choices,
    correct: choices.indexOf(correct),
    fact: draw.fact(asked),
    shows: [...draw.asked.setup, draw.asked.probe].join('; '),
  };
}
