/**
 * `/edit FILE` on Slack: a modal (views.open) with the file's path and its content in a
 * multi-line input, prefilled. A modal needs a trigger_id, which slash commands and button
 * clicks carry but mentions do not: in a thread (where only mentions reach the bot) the
 * reply is a button that opens the modal when clicked. The conversation rides in the view's
 * private_metadata, so the save lands on the machine the file came from.
 */
import type { KnownBlock, PlainTextInput, View } from '@slack/types';
import type { EditRequest } from '../../src/contracts/reply';
import type { Conversation } from './invocations';
import { escapeMrkdwn } from './render';

/** The modal's callback_id. */
export const EDIT_VIEW_ID = 'modlab_edit';
/** The button that opens the modal where no trigger came with the request (a mention). */
export const EDIT_ACTION_ID = 'modlab.edit';
export const EDIT_PATH_BLOCK = 'path';
export const EDIT_CONTENT_BLOCK = 'content';
const INPUT_ACTION = 'value';

/** Slack: a plain_text_input holds at most 3000 characters (its initial_value too). */
export const SLACK_TEXT_BOX_MAX = 3000;
/** Slack: a modal's title is at most 24 characters. */
export const VIEW_TITLE_MAX = 24;

/** The modal for EDIT, saving into CONVERSATION's machine. */
export function editView(edit: EditRequest, conversation: Conversation): View {
  const title = `Edit ${edit.name}`;
  const content: PlainTextInput = { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: SLACK_TEXT_BOX_MAX };
  // Slack refuses an empty initial_value: a new file's box just starts empty.
  if (edit.content !== '') content.initial_value = edit.content;
  return {
    type: 'modal',
    callback_id: EDIT_VIEW_ID,
    private_metadata: JSON.stringify({ ...conversation, version: edit.version }),
    title: { type: 'plain_text', text: title.length <= VIEW_TITLE_MAX ? title : `${title.slice(0, VIEW_TITLE_MAX - 1)}…` },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: EDIT_PATH_BLOCK,
        label: { type: 'plain_text', text: 'File' },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, initial_value: edit.path, max_length: SLACK_TEXT_BOX_MAX },
      },
      {
        type: 'input',
        block_id: EDIT_CONTENT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: edit.exists ? 'Content' : 'Content (a new file)' },
        element: content,
      },
    ],
  };
}

/** What a submitted edit view carries: where to save, what, and for which conversation. */
export interface SubmittedEdit {
  conversation: Conversation;
  path: string;
  content: string;
  /** What the box was opened on (none from a view opened before versions). */
  version?: string;
}

interface ViewState {
  private_metadata?: string;
  state?: { values?: Record<string, Record<string, { value?: string | null }>> };
}

/** The save a submitted view asks for; undefined when its metadata is not ours. */
export function submittedEdit(view: ViewState): SubmittedEdit | undefined {
  let conversation: Conversation;
  let version: string | undefined;
  try {
    const parsed = JSON.parse(view.private_metadata ?? '') as Partial<Conversation> & { version?: unknown };
    if (typeof parsed.workspace !== 'string' || typeof parsed.channel !== 'string') return undefined;
    conversation = { workspace: parsed.workspace, channel: parsed.channel, ...(typeof parsed.thread === 'string' ? { thread: parsed.thread } : {}) };
    if (typeof parsed.version === 'string') version = parsed.version;
  } catch {
    return undefined;
  }
  const values = view.state?.values ?? {};
  const path = values[EDIT_PATH_BLOCK]?.[INPUT_ACTION]?.value?.trim() ?? '';
  const content = values[EDIT_CONTENT_BLOCK]?.[INPUT_ACTION]?.value ?? '';
  return path === '' ? undefined : { conversation, path, content, ...(version === undefined ? {} : { version }) };
}

/** Where no modal can open at once (a mention in a thread): a button that opens it. */
export function editButtonMessage(edit: EditRequest): { text: string; blocks: KnownBlock[] } {
  const text = `Open ${edit.name} in a text box:`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: EDIT_ACTION_ID, text: { type: 'plain_text', text: `Edit ${edit.name}`.slice(0, 75) }, value: edit.path.slice(0, 2000), style: 'primary' }],
      },
    ],
  };
}
