/**
 * vmlinux's own lines of /proc/kallsyms (94,266 symbols of linux-image-6.1.0-56-amd64, from
 * its System.map as scripts/kallsyms.c keeps them: scripts/record-vmlinux-symbols.ts), read
 * from data/vmlinux-kallsyms.br only when /proc/kallsyms is first read, then kept: 462 KB on
 * disk, a 4.0 MB string in memory, shared by every machine of the process (no scope stores it).
 * Addresses are System.map's moved by one boot's KASLR offset; the per-CPU symbols ('A') are
 * offsets into the per-CPU area, which KASLR does not move.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** The data file, beside this source (dist/ holds only the compiled code). */
const DATA = join(__dirname, '..', '..', '..', 'src', 'modules', 'data', 'vmlinux-kallsyms.br');

/**
 * The kernel's KASLR offset on this machine: one boot's, a multiple of CONFIG_PHYSICAL_ALIGN
 * (2 MB) as arch/x86/boot/compressed/kaslr.c picks it (_text at ffffffff9c600000).
 */
const KASLR_OFFSET = 0x1b600000n;

let text: string | undefined;

/** "ffffffff9c600000 T _text\n"… in /proc/kallsyms order, as root sees it with kptr_restrict 0. */
export function vmlinuxKallsyms(): string {
  if (text !== undefined) return text;
  const packed = brotliDecompressSync(readFileSync(DATA)).toString('latin1');
  const out: string[] = [];
  let addr = 0n;
  for (const line of packed.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    addr += BigInt(`0x${line.slice(0, space)}`);
    const shown = line[space + 1] === 'A' ? addr : addr + KASLR_OFFSET;
    out.push(`${shown.toString(16).padStart(16, '0')}${line.slice(space)}\n`);
  }
  text = out.join('');
  return text;
}
