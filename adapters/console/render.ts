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

/** `who`: the console's acting user; other users' commands are marked with their name. */
export function renderReply(reply: Reply, who?: string): string {
  let text = reply.blocks.map((b) => block(b, who)).join('');
  if (reply.choices?.length) {
    text += reply.choices.map((c) => `  [${c.id}] ${c.label}`).join('\n') + '\n  (answer with :click ID)\n';
  }
  return text;
}
