/** fnmatch(3) without flags, as libkmod matches aliases and softdep names: * ? [...] [!...] and \ escapes. */
export function fnmatch(pattern: string, text: string): boolean {
  const match = (p: number, t: number): boolean => {
    while (p < pattern.length) {
      const c = pattern[p];
      if (c === '*') {
        while (pattern[p] === '*') p++;
        if (p === pattern.length) return true;
        for (let k = t; k <= text.length; k++) if (match(p, k)) return true;
        return false;
      }
      if (t >= text.length) return false;
      if (c === '?') {
        p++;
        t++;
        continue;
      }
      if (c === '[') {
        const end = pattern.indexOf(']', p + 2);
        if (end < 0) {
          if (text[t] !== '[') return false;
          p++;
          t++;
          continue;
        }
        let set = pattern.slice(p + 1, end);
        const negate = set.startsWith('!') || set.startsWith('^');
        if (negate) set = set.slice(1);
        let hit = false;
        for (let i = 0; i < set.length; i++) {
          if (set[i + 1] === '-' && i + 2 < set.length) {
            if (text[t] >= set[i] && text[t] <= set[i + 2]) hit = true;
            i += 2;
          } else if (set[i] === text[t]) hit = true;
        }
        if (hit === negate) return false;
        p = end + 1;
        t++;
        continue;
      }
      if (c === '\\' && p + 1 < pattern.length) p++;
      if (pattern[p] !== text[t]) return false;
      p++;
      t++;
    }
    return t === text.length;
  };
  return match(0, 0);
}
