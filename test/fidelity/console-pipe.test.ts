/**
 * The promise: piping the commands of an oracle transcript into the bot's terminal
 * chat prints the outputs the transcript shows. Runs the real entry point as a process.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { coreTranscripts } from './transcript';
import { normalize } from './normalize';
import { KNOWN_DIFFERENCES } from './known-differences';
import { TRANSCRIPT_SETUP } from './transcript-setup';

const MAIN = join(__dirname, '..', '..', 'adapters', 'main.js');

describe('fidelity: transcripts piped into the terminal chat', () => {
  // a transcript whose guest had files a fresh machine lacks is replayed by transcripts.test.ts only
  for (const transcript of coreTranscripts().filter((t) => TRANSCRIPT_SETUP[t.name] === undefined)) {
    const judged = transcript.steps.filter((s) => !KNOWN_DIFFERENCES.some((d) => d.transcript === transcript.name && d.command === s.command && (d.line === undefined || d.line === s.line)));
    it(`${transcript.name}: prints each command's prompt line and output`, () => {
      // A transcript recorded with extra kernel parameters starts with the instructor's reboot.
      const reboot = transcript.extraCmdline ? `/modlab reboot ${transcript.extraCmdline}\n` : '';
      // The oracle ran every line in a fresh shell in /root: here each line is typed by a user
      // of its own (`:as`), whose login starts in /root with no $OLDPWD, variables or history.
      const input = reboot + transcript.steps.map((s, i) => `:as line${i + 1}\n${s.command}`).join('\n') + '\n';
      const run = spawnSync(process.execPath, [MAIN], {
        input,
        encoding: 'utf8',
        env: { ...process.env, MODLAB_STORE: 'memory', MODLAB_HOSTNAME: 'oracle', MODLAB_LOG: 'quiet', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' },
        timeout: 60_000,
      });
      assert.equal(run.status, 0, run.stderr);
      const prompt = 'root@oracle:~# ';
      // Split the stdout at prompt lines that echo each command, in order.
      let rest = run.stdout;
      if (reboot) {
        const notice = `[modlab] you rebooted this machine with ${transcript.extraCmdline}: a fresh Linux 6.1.0-56-amd64 with nothing loaded.\n`;
        assert.ok(rest.startsWith(notice), rest.slice(0, 200));
        rest = rest.slice(notice.length);
      }
      const outputs = new Map<number, string>();
      const promptLine = (command: string): RegExp => new RegExp(`root@oracle:[^#\\n]*# ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`);
      transcript.steps.forEach((step, i) => {
        const head = i === 0 ? { index: rest.startsWith(prompt + step.command + '\n') ? 0 : -1, length: (prompt + step.command + '\n').length } : (() => {
          const m = promptLine(step.command).exec(rest);
          return { index: m?.index ?? -1, length: m?.[0].length ?? 0 };
        })();
        assert.ok(head.index === 0, `expected the prompt line for: ${step.command}\ngot: ${rest.slice(0, 200)}`);
        rest = rest.slice(head.length);
        const next = transcript.steps[i + 1];
        const end = next ? promptLine(next.command).exec(rest)?.index ?? -1 : rest.length;
        // The chat's one-line hint after a missing editor or compiler (commands/missing-tool-hint.ts) is not the machine's output.
        outputs.set(i, rest.slice(0, end).replace(/^Modlab's machine (has no|runs no) .*\n/gm, ''));
        rest = rest.slice(end);
      });
      const differing: string[] = [];
      for (const step of judged) {
        const i = transcript.steps.indexOf(step);
        const want = step.output === '' || step.output.endsWith('\n') ? step.output : step.output + '\n';
        if (normalize(outputs.get(i) ?? '') !== normalize(want)) differing.push(`$ ${step.command}\n+ ${outputs.get(i) ?? ''}- ${want}`);
      }
      assert.deepEqual(differing, []);
    });
  }
});
