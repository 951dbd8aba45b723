/**
 * The two paragraphs coreutils' df and du end their --help with (system.h:
 * emit_blocksize_note and emit_size_note): where the display unit comes from, and how a
 * SIZE argument is written.
 */

/** emit_blocksize_note (PROGRAM is "DF" or "DU") followed by emit_size_note. */
export function blockSizeNotes(program: 'DF' | 'DU'): string {
  return `Display values are in units of the first available SIZE from --block-size,
and the ${program}_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
`;
}
