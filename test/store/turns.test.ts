/** The turn mark of a contended document (src/store/turns.ts), read and written on the stored text. */
import { strict as assert } from 'node:assert';
import { othersTurn, turnOf, withTurn, withoutTurn } from '../../src/store/turns';
import { openEnvelope, sealEnvelope } from '../../src/store/envelope';

describe('turns of a contended document', () => {
  const doc = sealEnvelope({ machine: { uptime: 5 }, history: ['lsmod'] });
  const owner = '0b7c5a0e-4c4e-4b8e-9a53-1f0c2d3e4f5a';

  it('marks a stored envelope in front, keeps the document readable, and takes the mark off again', () => {
    const marked = withTurn(doc, { owner, until: 1234 })!;
    assert.ok(marked.startsWith(`{"turn":{"owner":"${owner}","until":1234},"value":`));
    assert.deepEqual(openEnvelope(marked), openEnvelope(doc));
    assert.deepEqual(turnOf(marked), { owner, until: 1234 });
    assert.equal(withoutTurn(marked), doc);
  });

  it('replaces an earlier mark rather than stacking marks', () => {
    const twice = withTurn(withTurn(doc, { owner, until: 1 }), { owner: 'abc', until: 2 })!;
    assert.deepEqual(turnOf(twice), { owner: 'abc', until: 2 });
    assert.equal(withoutTurn(twice), doc);
  });

  const cannot: Array<[string | undefined, string]> = [
    [undefined, 'no document'],
    ['{}', 'an empty object'],
    ['not json', 'not an envelope'],
  ];
  for (const [text, why] of cannot) {
    it(`does not mark ${why}`, () => assert.equal(withTurn(text, { owner, until: 1 }), undefined));
  }

  it("tells another writer's live turn from its own and from an ended one", () => {
    const marked = withTurn(doc, { owner, until: 1000 });
    assert.deepEqual(othersTurn(marked, 'me', 999), { owner, until: 1000 });
    assert.equal(othersTurn(marked, 'me', 1000), undefined, 'ended at until');
    assert.equal(othersTurn(marked, owner, 999), undefined, 'its own');
    assert.equal(othersTurn(doc, 'me', 0), undefined, 'unmarked');
  });

  it('leaves a document whose own content mentions "turn" alone', () => {
    const tricky = sealEnvelope({ turn: { owner, until: 9 } });
    assert.equal(turnOf(tricky), undefined);
    assert.equal(withoutTurn(tricky), tricky);
  });
});
