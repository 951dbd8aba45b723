import { strict as assert } from 'node:assert';
/**
 * One replayed transcript step as a mocha test. A step with a known difference still runs
 * (so the machine's state advances as in the transcript) and is pending while it differs;
 * once it matches, it fails until its entry is removed from LIST.
 */
export function judgeStep(title: string, known: string | undefined, test: () => void, list: string): void {
  if (known === undefined) {
    it(title, test);
    return;
  }
  it(`${title} [known difference: ${known}]`, function () {
    let differs = false;
    try {
      test();
    } catch {
      differs = true;
    }
    if (differs) this.skip();
    assert.fail(`this command now matches the oracle: remove it from ${list}`);
  });
}
