import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../../commands/index';
import { BOT_SCOPES, MANIFEST_LIMITS, slackManifest } from '../../../adapters/slack/manifest';

describe('Slack app manifest', () => {
  const manifest = slackManifest(commands);

  it('declares one slash command per chat command, with its description and usage hint', () => {
    assert.deepEqual(
      manifest.features.slash_commands.map((c) => c.command),
      commands.map((c) => `/${c.data.name}`),
    );
    const insmod = manifest.features.slash_commands.find((c) => c.command === '/insmod');
    assert.deepEqual(insmod, {
      command: '/insmod',
      description: commands.find((c) => c.data.name === 'insmod')!.data.description,
      usage_hint: 'FILE [PARAM=VALUE ...]',
      should_escape: false,
    });
  });

  it('keeps every name and text within Slack\'s manifest limits', () => {
    assert.ok(manifest.display_information.name.length <= MANIFEST_LIMITS.appName);
    assert.ok(manifest.display_information.description.length <= MANIFEST_LIMITS.appDescription);
    for (const c of manifest.features.slash_commands) {
      assert.match(c.command, /^\/[a-z0-9_-]+$/);
      assert.ok(c.command.length <= MANIFEST_LIMITS.commandName, c.command);
      assert.ok(c.description.length >= 1 && c.description.length <= MANIFEST_LIMITS.commandDescription, c.command);
      assert.ok((c.usage_hint ?? '').length <= MANIFEST_LIMITS.usageHint, c.command);
    }
    for (const s of manifest.features.shortcuts) {
      assert.ok(s.name.length <= MANIFEST_LIMITS.shortcutName, s.name);
      assert.ok(s.description.length <= MANIFEST_LIMITS.shortcutDescription, s.name);
    }
  });

  it('asks for Socket Mode, app_mention, interactivity, the shortcut and the bot scopes', () => {
    assert.equal(manifest.settings.socket_mode_enabled, true);
    assert.deepEqual(manifest.settings.event_subscriptions, { bot_events: ['app_mention'] });
    assert.deepEqual(manifest.settings.interactivity, { is_enabled: true });
    assert.deepEqual(manifest.features.shortcuts, [
      { name: 'Run in Modlab', type: 'message', callback_id: 'modlab_run', description: "Run the command lines of this message's code block on this conversation's machine" },
    ]);
    assert.deepEqual(manifest.oauth_config.scopes.bot, [...BOT_SCOPES]);
  });

  it('points every request at one URL in HTTP mode', () => {
    const url = 'https://modlab.example.edu/slack/events';
    const http = slackManifest(commands, { requestUrl: url });
    assert.equal(http.settings.socket_mode_enabled, false);
    assert.equal(http.settings.event_subscriptions.request_url, url);
    assert.equal(http.settings.interactivity.request_url, url);
    assert.ok(http.features.slash_commands.every((c) => c.url === url));
  });

  it('is written and printed by the manifest:slack script', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'modlab-manifest-')), 'slack-manifest.json');
    const printed = execFileSync(process.execPath, [join(__dirname, '../../../adapters/slack/manifest.js'), '--out', out], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    assert.deepEqual(JSON.parse(printed), manifest);
    assert.equal(readFileSync(out, 'utf8'), printed);
  });
});
