/**
 * Plain JSON serialization for Keyv, in Keyv's own envelope `{"value": …}` (Keyv 5's
 * default uses @keyv/serialize, which rewrites Buffers and strings starting with ":"; a
 * scope's state needs neither). Text that is not JSON is a damaged document, reported as
 * such instead of surfacing as a SyntaxError.
 */
import type { DeserializedData } from 'keyv';
import { ModlabError } from '../contracts/errors';

export function serialize<Value>(data: DeserializedData<Value>): string {
  return JSON.stringify(data);
}

export function deserialize<Value>(text: string): DeserializedData<Value> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw damaged('it is not valid JSON', error);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw damaged('it is not a stored value');
  }
  return data as DeserializedData<Value>;
}

/** The document inside a raw stored string, undefined for none. */
export function openEnvelope(raw: string | undefined): unknown {
  return raw === undefined ? undefined : deserialize(raw)?.value;
}

/**
 * The stored text of DOC. With EXPIRES (ms since the epoch, Keyv's own envelope field) the
 * document means nothing after that time and a sweep may remove it (expiry.ts); it stays
 * readable until then, since the callers judge a lease's or a window's end by their own clock.
 */
export function sealEnvelope(doc: unknown, expires?: number): string {
  return serialize(expires === undefined ? { value: doc } : { value: doc, expires });
}

/** sealEnvelope(doc) (no expiry) for a document already serialised as JSON. */
export function sealEnvelopeJson(json: string): string {
  return `{"value":${json}}`;
}

/** The user-facing line for a damaged document; WHAT names what is wrong. */
export function damaged(what: string, cause?: unknown): ModlabError {
  return new ModlabError(
    'state-damaged',
    `This conversation's saved machine is damaged (${what}). An instructor can replace it with a fresh one: /modlab reboot.`,
    cause,
  );
}
