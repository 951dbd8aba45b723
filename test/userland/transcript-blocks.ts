import * as fs from 'fs';
import * as path from 'path';

/** `$ command` → its recorded output (stdout+stderr) and exit status, from a fixture transcript. */
export function transcript(name: string): Array<{ cmd: string; out: string; status: number }> {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/transcripts', name), 'utf8');
  const blocks: Array<{ cmd: string; out: string; status: number }> = [];
  let cur: { cmd: string; out: string; status: number } | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) {
      cur = { cmd: line.slice(2), out: '', status: -1 };
      blocks.push(cur);
    } else if (cur && cur.status < 0) {
      const m = /^\[exit (\d+)\]$/.exec(line);
      if (m) cur.status = Number(m[1]);
      else cur.out += line + '\n';
    }
  }
  return blocks;
}

export function recorded(name: string, cmd: string): { out: string; status: number } {
  const b = transcript(name).find((x) => x.cmd === cmd);
  if (!b) throw new Error(`no "${cmd}" in ${name}`);
  return b;
}
