/** The dashboard's instructor actions as HTML: the form that starts an exercise, and what an action answered. */
import type { ConversationView } from '../../src/teaching/class-view';
import type { Reply } from '../../src/contracts/reply';
import { esc } from './html';

/** Start an exercise in a channel (a conversation of the workspace that is not a thread). */
export function startForm(exercises: ReadonlyArray<{ id: string; title: string }>, conversations: readonly ConversationView[]): string {
  const channels = conversations.filter((c) => !c.scope.thread);
  if (exercises.length === 0 || channels.length === 0) return '';
  const options = (items: ReadonlyArray<{ value: string; label: string }>): string => items.map((i) => `<option value="${esc(i.value)}">${esc(i.label)}</option>`).join('');
  return `<h2>Start an exercise</h2><form id="start-exercise" method="post" action="/dashboard/start">
<label>Exercise <select name="exercise">${options(exercises.map((e) => ({ value: e.id, label: `${e.id}: ${e.title}` })))}</select></label>
<label>in the channel <select name="channel">${options(channels.map((c) => ({ value: c.key, label: c.name })))}</select></label>
<button type="submit">Start</button> <span class="muted">(as /exercise start there: the task is posted in the channel, in a thread of its own)</span></form>`;
}

/** What the chat command answered, as the class saw it posted. */
export function outcomePage(reply: Reply): string {
  const lines = reply.blocks.map((b) => `<p class="${b.kind === 'notice' ? b.level : 'text'}">${esc(b.kind === 'terminal' ? b.output : b.text)}</p>`);
  return `<div id="outcome">${lines.join('')}</div><p><a href="/dashboard">Back to the conversations</a></p>`;
}
