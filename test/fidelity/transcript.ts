import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the oracle's transcripts (../shared/oracle/README.md "Transcript format"):
 *   $ command
 *   output lines…
 *   [exit N]
 *   [dmesg] [    7.566109] kernel log line
 */
export interface TranscriptStep {
  command: string;
  /** stdout+stderr merged, with its final newline unless the transcript says otherwise. */
  output: string;
  exitCode: number;
  dmesg: string[];
  /** 1-based line of the `$` in the file, for messages. */
  line: number;
}

export interface Transcript {
  name: string;
  /** What the scenario appended to the kernel command line (`#@cmdline`). */
  extraCmdline: string;
  steps: TranscriptStep[];
}

const BASE_CMDLINE = 'console=ttyS0 panic=-1';

export function parseTranscript(name: string, text: string): Transcript {
  const lines = text.split('\n');
  const steps: TranscriptStep[] = [];
  let extraCmdline = '';
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const cmdline = /^# kernel command line: (.*)$/.exec(line);
    if (cmdline) extraCmdline = (cmdline[1] ?? '').replace(BASE_CMDLINE, '').trim();
    if (!line.startsWith('$ ')) {
      i++;
      continue;
    }
    const step: TranscriptStep = { command: line.slice(2), output: '', exitCode: 0, dmesg: [], line: i + 1 };
    const output: string[] = [];
    i++;
    while (i < lines.length && !/^\[exit \d+\]$/.test(lines[i] ?? '')) output.push(lines[i++] ?? '');
    step.exitCode = Number(/\d+/.exec(lines[i] ?? '[exit 0]')?.[0] ?? 0);
    i++;
    let noNewline = false;
    if (output[output.length - 1] === '[no newline at end of output]') {
      output.pop();
      noNewline = true;
    }
    step.output = output.length === 0 ? '' : output.join('\n') + (noNewline ? '' : '\n');
    while (i < lines.length && (lines[i] ?? '').startsWith('[dmesg] ')) step.dmesg.push((lines[i++] ?? '').slice(8));
    steps.push(step);
  }
  return { name, extraCmdline, steps };
}

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'transcripts');

/**
 * The core's transcripts 01-10, 12+ and the lab's 2x; 00* (kbuild) and 11* (student
 * modules) have suites of their own. The 2x were recorded on 6.1.0-56-amd64 like the rest.
 */
export function coreTranscripts(): Transcript[] {
  return readdirSync(FIXTURES)
    .filter((f) => /^(0[1-9]|1[02-9]|2[0-9])[a-z0-9-]*\.txt$/.test(f))
    .sort()
    .map((f) => parseTranscript(f.replace(/\.txt$/, ''), readFileSync(join(FIXTURES, f), 'utf8')));
}

