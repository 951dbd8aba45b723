/**
 * MODLAB_DISCORD_SHARDS=auto|N: run the Discord bot as shards, with discord.js's own
 * ShardingManager (Discord requires sharding past 2,500 servers; a big server may want it
 * sooner). The process that reads the setting becomes the manager: it spawns one child per
 * shard running this same entry point; discord.js hands each child its shard ids (SHARDS,
 * SHARD_COUNT in its environment), and its Client picks them up by itself. Every shard opens
 * the shared store (MODLAB_STORE must then be PostgreSQL, Redis or a shared SQLite file), so
 * a quiz's reveal, a delivery or a lease is decided once for all of them.
 */
import type { ShardingManager } from 'discord.js';
import type { Logger } from '../../src/contracts/logger';
import { DiscordConfigError } from './config';

/** Discord caps a bot's shard count far below this; a larger number is a typo. */
const MAX_SHARDS = 1024;

export type ShardSetting = 'auto' | number;

/** undefined when unset (no sharding); throws DiscordConfigError when it is neither auto nor 1..MAX_SHARDS. */
export function shardSetting(value: string | undefined): ShardSetting | undefined {
  const v = value?.trim();
  if (v === undefined || v === '') return undefined;
  if (v === 'auto') return 'auto';
  if (/^[1-9]\d*$/.test(v) && Number(v) <= MAX_SHARDS) return Number(v);
  throw new DiscordConfigError(`MODLAB_DISCORD_SHARDS must be "auto" or a number of shards from 1 to ${MAX_SHARDS}, not "${v}".`);
}

/** True in a process a ShardingManager spawned (it must run one Discord client, not manage). */
export function isShardChild(env: NodeJS.ProcessEnv): boolean {
  return 'SHARDS' in env && 'SHARD_COUNT' in env;
}

export interface ShardsRunning {
  manager: ShardingManager;
  stop(): Promise<void>;
}

/** Spawn the shards of ENTRY (this bot's main script); each child logs for itself. */
export async function startShards(entry: string, token: string, totalShards: ShardSetting, logger: Logger): Promise<ShardsRunning> {
  // discord.js loads here, so main can read the setting without loading it.
  const { ShardingManager } = await import('discord.js');
  const manager = new ShardingManager(entry, { token, totalShards, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard) => {
    logger.info('discord shard started', { shard: shard.id, of: manager.totalShards === 'auto' ? 'auto' : manager.totalShards });
    shard.on('death', () => logger.warn('discord shard exited; respawning', { shard: shard.id }));
  });
  await manager.spawn({ timeout: 60_000 });
  return {
    manager,
    async stop() {
      manager.respawn = false;
      for (const shard of manager.shards.values()) shard.kill();
    },
  };
}
