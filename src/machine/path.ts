/** Absolute, normalised form of PATH relative to CWD ("." and ".." resolved, no trailing slash). */
export function resolvePath(cwd: string, path: string): string {
  const start = path.startsWith('/') ? [] : cwd.split('/');
  const parts: string[] = [];
  for (const part of [...start, ...path.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}
