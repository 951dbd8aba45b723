/**
 * commands/ (app.commands) → Discord application commands: one slash command per chat
 * command with typed options, subcommands for /modlab, and the message context-menu
 * command "Run in Modlab". deploy.ts registers this list; the bot never does.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ChatCommand, OptionData } from '../../src/contracts/command';

/** The message context-menu command: runs the shell lines of a message's code block. */
export const RUN_IN_MODLAB = 'Run in Modlab';

/**
 * Who counts as an instructor besides DISCORD_INSTRUCTOR_ROLE: members who may manage
 * channels. Also the `default_member_permissions` hint on instructor-only commands.
 */
export const INSTRUCTOR_PERMISSION = PermissionFlagsBits.ManageChannels;

/** Discord: a string option's value is at most 6000 characters. */
export const STRING_OPTION_MAX_LENGTH = 6000;

/** Server channels only: every machine belongs to a server channel, so commands are not offered in DMs. */
const GUILD_ONLY = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

const OPTION_TYPE = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

export function optionJson(o: OptionData): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: o.description, required: o.required ?? false };
  switch (o.type) {
    case 'string':
      // Discord refuses autocomplete together with fixed choices; fixed choices win.
      if (o.choices && o.choices.length > 0) {
        return { ...base, type: OPTION_TYPE.string, choices: o.choices.map((c) => ({ name: c.name, value: c.value })) };
      }
      return { ...base, type: OPTION_TYPE.string, autocomplete: o.autocomplete !== undefined, max_length: STRING_OPTION_MAX_LENGTH };
    case 'integer':
      return { ...base, type: OPTION_TYPE.integer };
    case 'boolean':
      return { ...base, type: OPTION_TYPE.boolean };
  }
}

/** Discord wants required options before optional ones; the app finds values by name, so order is free. */
function optionsJson(options: readonly OptionData[]): APIApplicationCommandBasicOption[] {
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)].map(optionJson);
}

export function slashCommandJson(command: ChatCommand): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const { data } = command;
  const json: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: ApplicationCommandType.ChatInput,
    name: data.name,
    description: data.description,
    ...GUILD_ONLY,
  };
  if (data.subcommands && data.subcommands.length > 0) {
    json.options = data.subcommands.map(
      (sub): APIApplicationCommandSubcommandOption => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: sub.name,
        description: sub.description,
        options: optionsJson(sub.options),
      }),
    );
  } else {
    json.options = optionsJson(data.options);
  }
  // A hint only: server admins may change it, so the app checks access on every invocation.
  if (data.access === 'instructor') json.default_member_permissions = String(INSTRUCTOR_PERMISSION);
  return json;
}

export function applicationCommands(commands: readonly ChatCommand[]): RESTPostAPIApplicationCommandsJSONBody[] {
  return [
    ...commands.map(slashCommandJson),
    { type: ApplicationCommandType.Message, name: RUN_IN_MODLAB, ...GUILD_ONLY },
  ];
}

/** The declaration of an option of a command (or of one of its subcommands), for autocomplete. */
export function findOption(
  commands: readonly ChatCommand[],
  commandName: string,
  subcommand: string | null,
  optionName: string,
): OptionData | undefined {
  const command = commands.find((c) => c.data.name === commandName);
  if (!command) return undefined;
  const options = subcommand ? command.data.subcommands?.find((s) => s.name === subcommand)?.options : command.data.options;
  return options?.find((o) => o.name === optionName);
}
