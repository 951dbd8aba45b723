import { strict as assert } from 'node:assert';
import { signGrant, verifyGrant } from '../../../src/teaching/dashboard-link';
import { csv } from '../../../adapters/web/html';

const SECRET = 'a-test-secret-of-enough-length';
const grant = { kind: 'link' as const, platform: 'slack' as const, workspace: 'T1', by: 'prof', exp: 1_000_000 };

describe('dashboard sign-in tokens and CSV', () => {
  it('accepts a token until its expiry, not at it (N-1, N, N+1)', () => {
    const token = signGrant(SECRET, grant);
    const ok = verifyGrant(SECRET, token, 'link', grant.exp - 1);
    assert.ok(typeof ok === 'object' && ok.workspace === 'T1' && ok.by === 'prof');
    assert.equal(verifyGrant(SECRET, token, 'link', grant.exp), 'expired');
    assert.equal(verifyGrant(SECRET, token, 'link', grant.exp + 1), 'expired');
  });

  it('refuses a token of another secret, another kind, a changed payload, or junk', () => {
    const token = signGrant(SECRET, grant);
    assert.equal(verifyGrant('another-secret-of-enough-length', token, 'link', 0), 'forged');
    assert.equal(verifyGrant(SECRET, token, 'session', 0), 'forged');
    const [payload, mac] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), workspace: 'T2' })).toString('base64url');
    assert.equal(verifyGrant(SECRET, `${changed}.${mac}`, 'link', 0), 'forged');
    for (const junk of ['', '.', 'a.b.c', 'x', `${payload}.`, `.${mac}`]) assert.equal(verifyGrant(SECRET, junk, 'link', 0), 'forged', junk);
  });

  it('writes RFC 4180 CSV, defusing spreadsheet formulas', () => {
    assert.equal(csv([['a', 'b,c', 'say "hi"', 'x\ny', '=1+1', 3]]), 'a,"b,c","say ""hi""","x\ny",\'=1+1,3\r\n');
  });
});
