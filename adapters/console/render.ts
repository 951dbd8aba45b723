/** A Reply as plain terminal text: the prompt line with the command, then the output exactly. */
import type { Block, Reply } from '../../src/contracts/reply';

function block(b: Block, who: string | undefined): string {
  switch (b.kind) {
    case 'terminal': {
      const by = who === undefined || who === b.user ? '' : `[${b.user}] `;
      const output = b.output === '' || b.output.endsWith('\n') ? b.output : b.output + '\n';
      return `${by}${b.prompt} ${b.line}\n${output}`;
    }
    case 'text':
      return b.text.endsWith('\n') ? b.text : b.text + '\n';
    case 'notice':
      return `[modlab] ${b.text}\n`;
  }
}

/**
 * `who`: the console's acting user; other users' commands are marked with their name.
 * Buttons are numbered from 1 (`:click 2`), since their ids are long and not for typing.
 */
export function renderReply(reply: Reply, who?: string, saved: readonly string[] = []): string {
  let text = reply.blocks.map((b) => block(b, who)).join('');
  if (reply.choices?.length) {
    text += reply.choices.map((c, i) => `  [${i + 1}] ${c.label}`).join('\n') + '\n';
    const quiz = reply.choices.every((c) => /^[A-Z]$/.test(c.label));
    text += quiz ? '  (answer with :answer LETTER, or press a button with :click N)\n' : '  (press a button with :click N)\n';
  }
  // A terminal shows no picture: the text fallback, and where the file was saved (SAVED[i]).
  (reply.files ?? []).forEach((file, i) => {
    if (file.fallback) text += file.fallback.endsWith('\n') ? file.fallback : file.fallback + '\n';
    const path = saved[i];
    text += path ? `[modlab] ${file.description}: saved to ${path}\n` : `[modlab] ${file.description}: not saved\n`;
  });
  return text;
}
