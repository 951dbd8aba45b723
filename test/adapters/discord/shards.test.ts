/** MODLAB_DISCORD_SHARDS: the setting, and telling a shard child from its manager. */
import { strict as assert } from 'node:assert';
import { isShardChild, shardSetting } from '../../../adapters/discord/shards';

describe('Discord sharding settings (MODLAB_DISCORD_SHARDS)', () => {
  const rows: Array<[string | undefined, 'auto' | number | undefined]> = [
    [undefined, undefined],
    ['', undefined],
    ['auto', 'auto'],
    ['1', 1],
    [' 4 ', 4],
    ['1024', 1024],
  ];
  for (const [value, want] of rows) {
    it(`reads ${JSON.stringify(value)} as ${String(want)}`, () => {
      assert.equal(shardSetting(value), want);
    });
  }

  for (const value of ['0', '1025', '-2', '2.5', 'AUTO', 'two', '04']) {
    it(`refuses ${JSON.stringify(value)} with one line naming the variable`, () => {
      assert.throws(() => shardSetting(value), { message: `MODLAB_DISCORD_SHARDS must be "auto" or a number of shards from 1 to 1024, not "${value}".` });
    });
  }

  it('knows a process a ShardingManager spawned by the SHARDS and SHARD_COUNT it was given', () => {
    assert.equal(isShardChild({ SHARDS: '[1]', SHARD_COUNT: '2' }), true);
    assert.equal(isShardChild({ MODLAB_DISCORD_SHARDS: '2' }), false);
  });
});
