/**
 * `/edit FILE` between the app and the adapters: the app answers with Reply.edit (the file and
 * its content), the adapter opens its platform's text box, and what the user saves comes back
 * as the invocation editSave builds. Every adapter words a box's limit the same way.
 */
import type { CommandInput } from './invocation';
import type { EditRequest } from './reply';

export const EDIT_COMMAND = 'edit';

/**
 * The save of an edit: CONTENT for PATH (absolute, as Reply.edit gave it). VERSION is the
 * EditRequest's, so the save can refuse to overwrite a file changed since the box opened; a
 * save without one (a box opened before an upgrade) overwrites as before.
 */
export function editSave(path: string, content: string, version?: string): CommandInput {
  return { kind: 'command', command: EDIT_COMMAND, text: path, options: version === undefined ? { content } : { content, version } };
}

/** The content of a save, when INPUT is one (an open has no content). */
export function savedContent(input: CommandInput): string | undefined {
  const content = input.options?.content;
  return typeof content === 'string' ? content : undefined;
}

/** The version a save says its box was opened on, if it says one. */
export function savedVersion(input: CommandInput): string | undefined {
  const version = input.options?.version;
  return typeof version === 'string' ? version : undefined;
}

/** Why a file cannot be opened in a box of LIMIT characters (WHERE: "A Discord text box"); nothing is cut silently. */
export function editTooLong(edit: EditRequest, limit: number, where: string): string {
  return (
    `${edit.name} has ${edit.content.length} characters; ${where} holds at most ${limit}, so /edit cannot open it without cutting it. ` +
    `Split it into smaller files, or change it with shell lines (\`sed -i\`, \`cat > ${edit.name} <<'EOF'\` … \`EOF\`).`
  );
}
