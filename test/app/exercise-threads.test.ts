import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import { CHANNEL, noticeText, say, slash } from './helpers';

describe('/exercise list shows which exercise conversations are open and done', () => {
  let app: App;
  beforeEach(async () => {
    app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false });
  });
  afterEach(() => app.close());

  it('lists nothing extra before any exercise, then each conversation with its state and contributors', async () => {
    assert.ok(!noticeText(await app.handle(slash('exercise', 'list'))).includes('Exercise conversations'));
    await app.handle(slash('exercise', 'start rmmod-in-use', 'prof', ['instructor']));
    await app.handle(slash('exercise', 'start modinfo', 'prof', ['instructor']));
    const thread = { ...CHANNEL, channel: 'rmmod-in-use-1' };
    await app.handle(say('rmmod mod_a', 'alice', ['student'], thread));
    await app.handle(say('rmmod mod_b', 'bob', ['student'], thread));
    const text = noticeText(await app.handle(slash('exercise', 'list', 'carol')));
    assert.ok(text.endsWith('\nExercise conversations in this workspace (done or open):\n  rmmod-in-use-1: rmmod-in-use (done; alice, bob)\n  modinfo-2: modinfo (open)'), text);
  });
});
