import { strict as assert } from 'node:assert';
import * as sinon from 'sinon';
import { parsedOnce } from '../../src/userland/kmod-parsed';

describe('kmod: index files parsed once per text', () => {
  it('parses a text once and hands the same value out again', () => {
    const parse = sinon.spy((t: string) => t.split('\n'));
    const a = parsedOnce('test.a', 'x\ny', parse);
    assert.equal(parsedOnce('test.a', 'x\ny', parse), a);
    assert.equal(parse.callCount, 1);
  });

  it('parses a changed text anew, and keeps files apart', () => {
    const parse = sinon.spy((t: string) => t.length);
    assert.equal(parsedOnce('test.b', 'one', parse), 3);
    assert.equal(parsedOnce('test.b', 'three', parse), 5);
    assert.equal(parsedOnce('test.c', 'one', (t) => t.toUpperCase()), 'ONE');
    assert.equal(parse.callCount, 2);
  });

  it('keeps only a few texts per file, so edits cannot grow it without bound', () => {
    const parse = sinon.spy((t: string) => t);
    for (let i = 0; i < 100; i++) parsedOnce('test.d', `text ${i}`, parse);
    parsedOnce('test.d', 'text 0', parse);
    assert.equal(parse.callCount, 101);
    parsedOnce('test.d', 'text 99', parse);
    assert.equal(parse.callCount, 101);
  });
});
