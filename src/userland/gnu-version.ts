/**
 * What a GNU program prints for --version (gnulib's version_etc): the name and package, the
 * copyright year, the GPLv3+ licence lines, and who wrote it.
 */

/** `PROGRAM (GNU coreutils) 9.1` and the rest, for a coreutils program written by AUTHORS ("A and B."). */
export function coreutilsVersion(program: string, authors: string): string {
  return gnuVersion(`${program} (GNU coreutils) 9.1`, 2022, authors);
}

/** FIRST LINE, then the copyright of YEAR, the licence, and "Written by AUTHORS." */
export function gnuVersion(firstLine: string, year: number, authors: string): string {
  return `${firstLine}
Copyright (C) ${year} Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by ${authors}.
`;
}
