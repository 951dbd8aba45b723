/** Data derived from a state and kept with it is invisible to everything that reads or copies the state. */
import { strict as assert } from 'node:assert';
import { derived, derivedKey, keepDerived } from '../../src/contracts/derived';

describe('derived data kept with a state', () => {
  it('is found again under its key, replaced by a later keep, and separate per key', () => {
    const ring: number[] = [1, 2];
    const lines = derivedKey<string>('lines');
    const other = derivedKey<string>('lines');
    assert.equal(derived(ring, lines), undefined);
    keepDerived(ring, lines, 'a');
    keepDerived(ring, lines, 'b');
    assert.equal(derived(ring, lines), 'b');
    assert.equal(derived(ring, other), undefined);
  });

  it('never shows in JSON, keys, structuredClone or deepEqual, so a stored document and a copy never carry it', () => {
    const state = { records: [{ text: 'x' }], n: 1 };
    keepDerived(state.records, derivedKey<string>('json'), 'kept');
    keepDerived(state, derivedKey<object>('more'), { big: 'x'.repeat(100) });
    assert.equal(JSON.stringify(state), '{"records":[{"text":"x"}],"n":1}');
    assert.deepEqual(Object.keys(state), ['records', 'n']);
    assert.deepStrictEqual(state, { records: [{ text: 'x' }], n: 1 });
    assert.deepStrictEqual(structuredClone(state), { records: [{ text: 'x' }], n: 1 });
    assert.deepStrictEqual({ ...state }, { records: state.records, n: 1 });
  });
});
