/**
 * Scope affinity, the pool's side: which worker keeps which conversation's state, and for
 * exactly which stored text (warm-states.ts is the worker's side). A conversation's step goes
 * `warm` to the worker that keeps its state only while the stored text is still the text that
 * state was sealed into; anything else (another process wrote, a commit lost its
 * compare-and-set, the worker was replaced) ships the text as before. Each worker keeps at
 * most WARM_STATES states and WARM_CHARS characters of their texts, the ones used last; the
 * states it must let go ride along with its next job.
 */
import { WARM_CHARS, WARM_STATES } from '../../contracts/budget';

export interface AffinityBounds {
  /** States one worker keeps. */
  states: number;
  /** Characters of stored text those states stand for, together (a state's heap is a few times its text). */
  chars: number;
}

interface Held<S> {
  slot: S;
  text: string;
}

interface Kept {
  /** Key → its text's length, least recently used first. */
  keys: Map<string, number>;
  chars: number;
  /** Keys the worker must drop with its next job. */
  evict: Set<string>;
}

export class Affinity<S> {
  private readonly held = new Map<string, Held<S>>();
  private readonly slots = new Map<S, Kept>();

  constructor(private readonly bounds: AffinityBounds = { states: WARM_STATES, chars: WARM_CHARS }) {}

  /** The worker that keeps KEY's state for exactly STORED, if any. */
  holder(key: string, stored: string | undefined): S | undefined {
    const held = this.held.get(key);
    return held !== undefined && stored !== undefined && held.text === stored ? held.slot : undefined;
  }

  /** SLOT ran a step of KEY that may keep its state: KEPT, it keeps the state TEXT stands for; otherwise it dropped any it had. */
  ran(key: string, slot: S, kept: boolean, text: string | undefined): void {
    const held = this.held.get(key);
    if (!kept || text === undefined) {
      if (held?.slot === slot) this.release(key, slot, false);
      return;
    }
    if (held !== undefined && held.slot !== slot) this.release(key, held.slot, true);
    const mine = this.kept(slot);
    mine.evict.delete(key);
    mine.chars -= mine.keys.get(key) ?? 0;
    mine.keys.delete(key);
    mine.keys.set(key, text.length);
    mine.chars += text.length;
    this.held.set(key, { slot, text });
    for (const oldest of mine.keys.keys()) {
      if (mine.keys.size <= this.bounds.states && mine.chars <= this.bounds.chars) break;
      this.release(oldest, slot, true);
    }
  }

  /** The keys SLOT's worker must drop, taken (they go with its next job). */
  takeEvictions(slot: S): string[] | undefined {
    const mine = this.slots.get(slot);
    if (!mine || mine.evict.size === 0) return undefined;
    const keys = [...mine.evict];
    mine.evict.clear();
    return keys;
  }

  /** SLOT's worker is gone, or dropped everything it kept. */
  dropSlot(slot: S): void {
    const mine = this.slots.get(slot);
    if (!mine) return;
    for (const key of mine.keys.keys()) if (this.held.get(key)?.slot === slot) this.held.delete(key);
    this.slots.delete(slot);
  }

  /** States kept by all workers together. */
  get size(): number {
    return this.held.size;
  }

  private kept(slot: S): Kept {
    let mine = this.slots.get(slot);
    if (!mine) {
      mine = { keys: new Map(), chars: 0, evict: new Set() };
      this.slots.set(slot, mine);
    }
    return mine;
  }

  /** SLOT no longer keeps KEY (EVICT: its worker still has it and must be told). */
  private release(key: string, slot: S, evict: boolean): void {
    if (this.held.get(key)?.slot === slot) this.held.delete(key);
    const mine = this.slots.get(slot);
    if (!mine) return;
    mine.chars -= mine.keys.get(key) ?? 0;
    mine.keys.delete(key);
    if (evict) mine.evict.add(key);
  }
}
