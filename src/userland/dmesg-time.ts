/**
 * parse_timestamp() of util-linux lib/timeutils.c, for dmesg --since/--until: "now",
 * "today", "yesterday", "tomorrow", "@EPOCH", "+SPAN"/"-SPAN"/"SPAN ago" (us, ms, s, min,
 * h, d, w, M, y and their long names) and "YYYY-MM-DD[ HH:MM[:SS]]" / "HH:MM[:SS]" in UTC.
 * Returns µs since the epoch, or null when the text is not a time.
 */

const UNITS: Array<[string[], number]> = [
  [['us', 'usec'], 1],
  [['ms', 'msec'], 1e3],
  [['seconds', 'second', 'sec', 's'], 1e6],
  [['minutes', 'minute', 'min', 'm'], 60e6],
  [['hours', 'hour', 'hr', 'h'], 3600e6],
  [['days', 'day', 'd'], 86400e6],
  [['weeks', 'week', 'w'], 7 * 86400e6],
  [['months', 'month', 'M'], 2629800e6],
  [['years', 'year', 'y'], 31557600e6],
];

/** parse_sec(): "1h 30min", "90", "5min". */
function parseSpan(text: string): number | null {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return null;
  let total = 0;
  for (const part of parts) {
    const m = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(part);
    if (!m) return null;
    const unit = m[2] === '' ? 1e6 : UNITS.find(([names]) => names.includes(m[2]))?.[1];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
  }
  return Math.round(total);
}

function dayStart(usec: number, offsetDays: number): number {
  const d = new Date(Math.floor(usec / 1000));
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + offsetDays * 86400000) * 1000;
}

export function parseTimestamp(text: string, nowUsec: number): number | null {
  const t = text.trim();
  if (t === 'now') return nowUsec;
  if (t === 'today') return dayStart(nowUsec, 0);
  if (t === 'yesterday') return dayStart(nowUsec, -1);
  if (t === 'tomorrow') return dayStart(nowUsec, 1);
  if (t.startsWith('@')) {
    const s = Number(t.slice(1));
    return Number.isFinite(s) && t.length > 1 ? Math.round(s * 1e6) : null;
  }
  if (t.startsWith('+') || t.startsWith('-')) {
    const span = parseSpan(t.slice(1));
    if (span === null) return null;
    return t.startsWith('+') ? nowUsec + span : nowUsec - span;
  }
  if (t.endsWith(' ago')) {
    const span = parseSpan(t.slice(0, -4));
    return span === null ? null : nowUsec - span;
  }
  const full = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?$/.exec(t);
  if (full) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = full;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) * 1000;
  }
  const clock = /^([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$/.exec(t);
  if (clock) {
    const base = dayStart(nowUsec, 0);
    return base + (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)) * 1e6;
  }
  return null;
}
