import { strict as assert } from 'node:assert';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type APIApplicationCommandOption } from 'discord.js';
import { commands } from '../../../commands';
import { applicationCommands, findOption, INSTRUCTOR_PERMISSION, RUN_IN_MODLAB } from '../../../adapters/discord/commands';
import { DiscordConfigError, discordConfigFromEnv } from '../../../adapters/discord/config';
import { commandInput, scriptOfMessage } from '../../../adapters/discord/interactions';
import { deployCommands } from '../../../adapters/discord/deploy';
import { FakeDiscord, GUILD_ID } from './fake/fake-discord';

type Json = Record<string, unknown> & { name: string; options?: APIApplicationCommandOption[] };

describe('discord application commands', () => {
  const list = applicationCommands(commands) as unknown as Json[];
  const byName = (name: string) => list.find((c) => c.name === name)!;

  it('declares one slash command per chat command, plus the "Run in Modlab" message command', () => {
    assert.deepEqual(list.map((c) => c.name), [...commands.map((c) => c.data.name), RUN_IN_MODLAB]);
    assert.equal(byName(RUN_IN_MODLAB).type, ApplicationCommandType.Message);
    assert.ok(list.every((c) => JSON.stringify(c.contexts) === JSON.stringify([InteractionContextType.Guild])), 'offered in servers only');
  });

  it('types options, keeps descriptions, and marks autocompleted ones', () => {
    const insmod = byName('insmod');
    assert.equal(insmod.description, commands.find((c) => c.data.name === 'insmod')!.data.description);
    const [file, params] = insmod.options as unknown as Array<Record<string, unknown>>;
    assert.deepEqual(
      { name: file.name, type: file.type, required: file.required, autocomplete: file.autocomplete },
      { name: 'file', type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
    );
    assert.equal(params.required, false);
    assert.equal(params.autocomplete, false);
  });

  it('puts required options before optional ones, as Discord requires', () => {
    for (const c of list) {
      const opts = (c.options ?? []) as Array<{ required?: boolean; type: number }>;
      const basic = opts.filter((o) => o.type !== ApplicationCommandOptionType.Subcommand);
      const firstOptional = basic.findIndex((o) => !o.required);
      assert.ok(firstOptional === -1 || basic.slice(firstOptional).every((o) => !o.required), c.name);
    }
  });

  it('makes /modlab subcommands, /sh an optional line (a modal without it)', () => {
    const modlab = byName('modlab');
    assert.deepEqual(modlab.options!.map((o) => [o.type, o.name]), [
      [ApplicationCommandOptionType.Subcommand, 'status'],
      [ApplicationCommandOptionType.Subcommand, 'graph'],
      [ApplicationCommandOptionType.Subcommand, 'help'],
      [ApplicationCommandOptionType.Subcommand, 'reboot'],
      [ApplicationCommandOptionType.Subcommand, 'dashboard'],
      [ApplicationCommandOptionType.Subcommand, 'snapshot'],
    ]);
    const line = byName('sh').options![0] as { name: string; required: boolean };
    assert.deepEqual([line.name, line.required], ['line', false]);
  });

  it('hints instructor-only commands with default_member_permissions = Manage Channels', () => {
    const fake = [{ ...commands[0], data: { ...commands[0].data, name: 'quiz', access: 'instructor' as const } }];
    assert.equal((applicationCommands(fake)[0] as unknown as Json).default_member_permissions, String(INSTRUCTOR_PERMISSION));
    assert.equal(byName('lsmod').default_member_permissions, undefined);
  });

  it('finds an option\'s autocomplete source, in a subcommand too', () => {
    assert.equal(findOption(commands, 'insmod', null, 'file')?.autocomplete, 'module-files');
    assert.equal(findOption(commands, 'modlab', 'reboot', 'cmdline')?.name, 'cmdline');
    assert.equal(findOption(commands, 'nope', null, 'file'), undefined);
  });
});

describe('discord configuration', () => {
  it('is off without DISCORD_TOKEN', () => {
    assert.equal(discordConfigFromEnv({}), undefined);
    assert.equal(discordConfigFromEnv({ DISCORD_TOKEN: '  ' }), undefined);
  });

  it('reads every variable', () => {
    assert.deepEqual(
      discordConfigFromEnv({
        DISCORD_TOKEN: 'abc.def.ghi',
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_GUILD_ID: '223456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:9/api/',
        DISCORD_INSTRUCTOR_ROLE: '323456789012345678',
      }),
      { token: 'abc.def.ghi', applicationId: '123456789012345678', guildId: '223456789012345678', apiUrl: 'http://127.0.0.1:9/api', instructorRole: '323456789012345678' },
    );
  });

  const bad: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
    ['a token with the "Bot " prefix', { DISCORD_TOKEN: 'Bot abc' }, /^DISCORD_TOKEN must be the bot token alone/],
    ['an application id that is not a snowflake', { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-app' }, /^DISCORD_APPLICATION_ID must be a Discord id/],
    ['a role name instead of its id', { DISCORD_TOKEN: 't', DISCORD_INSTRUCTOR_ROLE: 'Teachers' }, /^DISCORD_INSTRUCTOR_ROLE must be a Discord id/],
    ['an API URL without a scheme', { DISCORD_TOKEN: 't', DISCORD_API_URL: 'discord.com/api' }, /^DISCORD_API_URL must be an http\(s\) URL/],
  ];
  for (const [what, env, message] of bad) {
    it(`refuses ${what} with one line`, () => {
      assert.throws(() => discordConfigFromEnv(env), (e: unknown) => e instanceof DiscordConfigError && message.test(e.message) && !e.message.includes('\n'));
    });
  }
});

describe('discord interactions → invocations (pure parts)', () => {
  it('joins a subcommand\'s values into text in declared order', () => {
    const modlab = commands.find((c) => c.data.name === 'modlab');
    const input = commandInput(modlab, 'modlab', [{ name: 'help', type: 1, options: [{ name: 'command', type: 3, value: ' insmod ' }] }]);
    assert.deepEqual(input, { kind: 'command', command: 'modlab', options: { command: ' insmod ' }, text: 'help insmod' });
  });

  const scripts: Array<[string, string, string | undefined]> = [
    ['a plain fenced block', '```\nlsmod\ndmesg\n```', 'lsmod\ndmesg'],
    ['a block tagged sh', 'run:\n```sh\ninsmod hello.ko\n```\nthanks', 'insmod hello.ko'],
    ['a one-line block', '```lsmod```', 'lsmod'],
    ['a block whose first line is a command, not a language', '```lsmod | head\ndmesg\n```', 'lsmod | head\ndmesg'],
    ['a pasted session: only prompted lines, without prompts', '```\nroot@modlab:~# lsmod\nModule Size Used by\n$ dmesg\n```', 'lsmod\ndmesg'],
    ['inline code when there is no block', 'try `modinfo dummy` now', 'modinfo dummy'],
    ['nothing to run', 'hello', undefined],
    ['an empty block', '```\n\n```', undefined],
    ['a here-document, blank and indented lines kept', "```\ncat > Makefile <<'EOF'\nall:\n\tmake\n\nEOF\n```", "cat > Makefile <<'EOF'\nall:\n\tmake\n\nEOF"],
  ];
  for (const [what, content, script] of scripts) {
    it(`takes the script of ${what}`, () => assert.equal(scriptOfMessage(content), script));
  }
});

describe('npm run deploy:discord', function () {
  this.timeout(20_000);
  let fake: FakeDiscord;
  before(async () => {
    fake = new FakeDiscord();
    await fake.start();
  });
  after(async () => fake.stop());

  it('registers every command to DISCORD_GUILD_ID when set', async () => {
    const deployed = await deployCommands({ token: fake.token, apiUrl: fake.apiUrl, applicationId: fake.applicationId, guildId: GUILD_ID });
    assert.equal(deployed.scope, 'guild');
    assert.deepEqual(deployed.names, [...commands.map((c) => c.data.name), RUN_IN_MODLAB]);
    assert.deepEqual(fake.commands.get(GUILD_ID)?.map((c) => c.name), deployed.names);
    const call = fake.restCalls.find((c) => c.method === 'PUT')!;
    assert.equal(call.path, `/applications/${fake.applicationId}/guilds/${GUILD_ID}/commands`);
  });

  it('registers globally without it', async () => {
    const deployed = await deployCommands({ token: fake.token, apiUrl: fake.apiUrl, applicationId: fake.applicationId });
    assert.equal(deployed.scope, 'global');
    assert.equal(fake.commands.get('global')?.length, commands.length + 1);
  });

  it('fails clearly without DISCORD_APPLICATION_ID, and on a refused token', async () => {
    await assert.rejects(deployCommands({ token: fake.token, apiUrl: fake.apiUrl }), /DISCORD_APPLICATION_ID is not set/);
    await assert.rejects(deployCommands({ token: 'wrong', apiUrl: fake.apiUrl, applicationId: fake.applicationId }), (e: { status?: number }) => e.status === 401);
  });
});
