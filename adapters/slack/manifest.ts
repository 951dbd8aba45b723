/**
 * The Slack app manifest, derived from commands/ (the single source of every command's name,
 * description and usage), so creating the app is one paste at api.slack.com/apps → "From a
 * manifest". `npm run manifest:slack` writes slack-manifest.json at the repo root and prints it;
 * `-- --url https://host/slack/events` makes an HTTP-mode manifest instead of Socket Mode.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandData } from '../../src/contracts/command';
import { RUN_SHORTCUT } from './listeners';

/** Manifest schema limits (api.slack.com/reference/manifests). */
export const MANIFEST_LIMITS = {
  appName: 35,
  appDescription: 140,
  commandName: 32,
  commandDescription: 2000,
  usageHint: 1000,
  shortcutName: 24,
  shortcutDescription: 150,
} as const;

/** What the bot needs, and nothing more. */
export const BOT_SCOPES = [
  'app_mentions:read', // @Modlab lines in threads and channels
  'chat:write', // answers to mentions, shortcuts and clicks in threads
  'chat:write.public', // answer a shortcut in a public channel the bot has not joined
  'commands', // slash commands and the message shortcut
  'files:write', // "Upload the whole output"
  'users:read', // display names, and is_admin/is_owner for instructor rights
] as const;

export interface SlackManifest {
  display_information: { name: string; description: string; long_description?: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; should_escape: boolean; url?: string }>;
    shortcuts: Array<{ name: string; type: 'message' | 'global'; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** The usage without the command's own name: "insmod FILE [PARAM=VALUE ...]" → "FILE [PARAM=VALUE ...]". */
export function usageHint(data: CommandData): string {
  return data.usage.replace(new RegExp(`^/?${data.name}\\b\\s*`), '').slice(0, MANIFEST_LIMITS.usageHint);
}

export interface ManifestOptions {
  /** HTTP mode: the public URL Bolt listens on (…/slack/events). Without it, Socket Mode. */
  requestUrl?: string;
  name?: string;
}

export function slackManifest(commands: readonly { data: CommandData }[], options: ManifestOptions = {}): SlackManifest {
  const name = options.name ?? 'Modlab';
  const url = options.requestUrl;
  return {
    display_information: {
      name,
      description: 'A shared Linux machine per channel to learn kernel modules: insmod, rmmod, modprobe, lsmod, dmesg.',
      long_description:
        'Each channel (and each thread) owns one simulated Debian 12 / Linux 6.1 machine. Students run /insmod, /rmmod, /modprobe, /lsmod, /modinfo, /dmesg and /sh; everyone in the conversation shares the machine and sees what the kernel said. In a thread, mention @Modlab with a command line (slash commands do not run in threads). The "Run in Modlab" shortcut runs the code block of any message.',
      background_color: '#1d2021',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands.map(({ data }) => {
        const command: SlackManifest['features']['slash_commands'][number] = {
          command: `/${data.name}`,
          description: data.description.slice(0, MANIFEST_LIMITS.commandDescription),
          should_escape: false,
        };
        const hint = usageHint(data);
        if (hint !== '') command.usage_hint = hint;
        if (url) command.url = url;
        return command;
      }),
      shortcuts: [
        {
          name: 'Run in Modlab',
          type: 'message',
          callback_id: RUN_SHORTCUT,
          description: "Run the command lines of this message's code block on this conversation's machine",
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: url ? { bot_events: ['app_mention'], request_url: url } : { bot_events: ['app_mention'] },
      interactivity: url ? { is_enabled: true, request_url: url } : { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

/** `node dist/adapters/slack/manifest.js [--url URL] [--out FILE]` */
function main(argv: string[]): number {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const requestUrl = flag('--url');
  if (requestUrl !== undefined && !/^https:\/\//.test(requestUrl)) {
    process.stderr.write('manifest:slack: --url must be the public https URL of /slack/events\n');
    return 2;
  }
  // Loaded here, not at the top, so tests can build manifests from any command list.
  const { commands } = require('../../commands/index') as typeof import('../../commands/index');
  const text = `${JSON.stringify(slackManifest(commands, { requestUrl }), null, 2)}\n`;
  const out = flag('--out') ?? join(__dirname, '..', '..', '..', 'slack-manifest.json');
  writeFileSync(out, text);
  process.stdout.write(text);
  process.stderr.write(`manifest:slack: wrote ${out}; paste it at https://api.slack.com/apps → Create New App → From a manifest\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
