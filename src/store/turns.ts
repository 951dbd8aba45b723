/**
 * Turns of a contended document (issue 12): compare-and-commit alone lets fast writers win
 * every round against a slow one (a long machine step in one process, quick clicks in
 * three others), until the slow one gives up with 'store-busy'. So a writer that has lost
 * TURN_AFTER_LOST_ROUNDS rounds marks the document as its turn, a short compare-and-commit
 * of the same text with a mark in front: `{"turn":{"owner":…,"until":…},"value":…}`.
 * Every other writer that reads the mark waits (re-reading) until the holder's commit,
 * which writes the document without the mark, or until `until`; a commit started before
 * the mark fails its compare, as any conflict does. The mark is a courtesy, not a lock:
 * it expires after TURN_MS whatever the holder does, and the compare-and-commit still
 * decides every write. It sits first in the text so that it is read without parsing a
 * document of up to a megabyte.
 */

export interface Turn {
  owner: string;
  until: number;
}

const MARK = /^\{"turn":\{"owner":"([0-9a-f-]{1,64})","until":(\d{1,16})\},/;

/** The turn marked on a stored text, if any. */
export function turnOf(text: string | undefined): Turn | undefined {
  const m = text === undefined ? null : MARK.exec(text);
  return m ? { owner: m[1] as string, until: Number(m[2]) } : undefined;
}

/** TEXT without its turn mark (TEXT itself when unmarked). */
export function withoutTurn(text: string): string;
export function withoutTurn(text: string | undefined): string | undefined;
export function withoutTurn(text: string | undefined): string | undefined {
  if (text === undefined || !text.startsWith('{"turn":')) return text;
  const m = MARK.exec(text);
  return m ? `{${text.slice(m[0].length)}` : text;
}

/** TEXT marked as OWNER's turn until UNTIL; undefined when it cannot carry a mark (no document, not an envelope). */
export function withTurn(text: string | undefined, turn: Turn): string | undefined {
  const bare = withoutTurn(text);
  if (bare === undefined || !bare.startsWith('{"') || !/^[0-9a-f-]{1,64}$/.test(turn.owner)) return undefined;
  return `{"turn":{"owner":"${turn.owner}","until":${Math.floor(turn.until)}},${bare.slice(1)}`;
}

/** True when TEXT is marked as another writer's turn that has not ended at NOW. */
export function othersTurn(text: string | undefined, me: string, now: number): Turn | undefined {
  const turn = turnOf(text);
  return turn && turn.owner !== me && turn.until > now ? turn : undefined;
}
