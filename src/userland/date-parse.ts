/**
 * The part of gnulib's parse_datetime (date -d, touch -d) that a lab uses, in UTC:
 * "@SECONDS[.FRACTION]", ISO dates (2024-02-29, 2024-02-29T12:00), US dates (12/25/2024,
 * 12/25), month names (Jan 5 2024, 5 Jan 2024, January 5, 2024), times (10:00, 10:00:30.25,
 * 10pm, 10:00 pm) with a zone (UTC, Z, GMT, +0200), now/today/yesterday/tomorrow, weekdays
 * (monday, next friday, last friday) and relative items ("2 days ago", "+1 week", "1 hour",
 * "next month", "day"). A date or weekday without a time means 00:00:00; relative items
 * alone keep the time of day; "" is today's midnight. Anything else is null, which date
 * words as "invalid date". Each rule was checked with `LC_ALL=C date -u -d ITEM` on Debian 12.
 */
import { DAYS, MONTHS, type Instant } from './strftime';

const UNITS: Record<string, { months?: number; seconds?: number }> = {
  year: { months: 12 },
  month: { months: 1 },
  fortnight: { seconds: 14 * 86400 },
  week: { seconds: 7 * 86400 },
  day: { seconds: 86400 },
  hour: { seconds: 3600 },
  minute: { seconds: 60 },
  min: { seconds: 60 },
  second: { seconds: 1 },
  sec: { seconds: 1 },
};

function unitOf(word: string): { months?: number; seconds?: number } | undefined {
  const w = word.toLowerCase();
  return UNITS[w] ?? (w.endsWith('s') ? UNITS[w.slice(0, -1)] : undefined);
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.toLowerCase() === w || (w.length === 3 && m.toLowerCase().startsWith(w)) || (w === 'sept' && m === 'September'));
  return i < 0 ? undefined : i;
}

function dayOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/[.,]$/, '');
  const i = DAYS.findIndex((d) => d.toLowerCase() === w || d.toLowerCase().slice(0, 3) === w || (w === 'tues' && d === 'Tuesday') || (w === 'wednes' && d === 'Wednesday') || (w === 'thur' && d === 'Thursday') || (w === 'thurs' && d === 'Thursday'));
  return i < 0 ? undefined : i;
}

interface Parsed {
  date?: { year?: number; month: number; day: number };
  time?: { hour: number; min: number; sec: number; nsec: number };
  /** Seconds east of UTC given with the date. */
  zone?: number;
  weekday?: { day: number; ordinal: number };
  months: number;
  seconds: number;
  relative: boolean;
}

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month && d.getUTCDate() === day;
}

/** "10:00", "10:00:30.25", "10pm", "10:00pm"; the meridian may also be the next token. */
function parseTime(token: string, next: string | undefined): { time: NonNullable<Parsed['time']>; used: number } | null {
  const m = /^(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(am|pm|a\.m\.|p\.m\.)?$/i.exec(token);
  if (!m || (m[2] === undefined && m[5] === undefined)) return null;
  let hour = Number(m[1]);
  let used = 1;
  let meridian = m[5]?.toLowerCase().replace(/\./g, '');
  if (meridian === undefined && next !== undefined && /^(am|pm|a\.m\.|p\.m\.)$/i.test(next)) {
    meridian = next.toLowerCase().replace(/\./g, '');
    used = 2;
  }
  if (meridian !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridian === 'pm' ? 12 : 0);
  }
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  if (hour > 23 || min > 59 || sec > 60) return null;
  const nsec = m[4] === undefined ? 0 : Number(m[4].padEnd(9, '0').slice(0, 9));
  return { time: { hour, min, sec, nsec }, used };
}

function parseZone(token: string): number | undefined {
  if (/^(utc|gmt|z|ut)$/i.test(token)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(token);
  if (!m) return undefined;
  const secs = Number(m[2]) * 3600 + Number(m[3]) * 60;
  return m[1] === '-' ? -secs : secs;
}

function parseItems(text: string): Parsed | null {
  const p: Parsed = { months: 0, seconds: 0, relative: false };
  // "T" between an ISO date and its time, and a comma after a day number, are separators.
  const tokens = text
    .replace(/^(\d{4}-\d{2}-\d{2})T/i, '$1 ')
    .replace(/,/g, ' ')
    .replace(/([+-])\s+(\d)/g, '$1$2')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  let sinceAgo = { months: 0, seconds: 0 };
  let agoUsed = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const low = tok.toLowerCase();
    const next = tokens[i + 1];
    const addRelative = (n: number, unit: { months?: number; seconds?: number }): void => {
      p.months += n * (unit.months ?? 0);
      p.seconds += n * (unit.seconds ?? 0);
      sinceAgo.months += n * (unit.months ?? 0);
      sinceAgo.seconds += n * (unit.seconds ?? 0);
      p.relative = true;
      agoUsed = false;
    };
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(tok))) {
      if (p.date) return null;
      p.date = { year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]) };
      continue;
    }
    if ((m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(tok))) {
      if (p.date) return null;
      let year = m[3] === undefined ? undefined : Number(m[3]);
      if (year !== undefined && m[3].length === 2) year += year < 69 ? 2000 : 1900;
      p.date = { month: Number(m[1]) - 1, day: Number(m[2]), ...(year === undefined ? {} : { year }) };
      continue;
    }
    const time = parseTime(tok, next);
    if (time) {
      if (p.time) return null;
      p.time = time.time;
      i += time.used - 1;
      const zone = tokens[i + 1] === undefined ? undefined : parseZone(tokens[i + 1]);
      if (zone !== undefined) {
        p.zone = zone;
        i++;
      }
      continue;
    }
    if (/^\d{1,2}(?:[zZ])$/.test(tok)) return null;
    if (/^\d{2}:\d{2}(:\d{2})?z$/i.test(tok)) {
      const t = parseTime(tok.slice(0, -1), undefined);
      if (!t || p.time) return null;
      p.time = t.time;
      p.zone = 0;
      continue;
    }
    const month = monthOf(tok);
    if (month !== undefined) {
      if (p.date) return null;
      // "Jan 5 [2024]" or "5 Jan [2024]" (the day was the previous token, taken below)
      if (next !== undefined && /^\d{1,2}$/.test(next)) {
        const yearTok = tokens[i + 2];
        const year = yearTok !== undefined && /^\d{4}$/.test(yearTok) ? Number(yearTok) : undefined;
        p.date = { month, day: Number(next), ...(year === undefined ? {} : { year }) };
        i += year === undefined ? 1 : 2;
        continue;
      }
      return null;
    }
    if (/^\d{1,2}$/.test(tok) && next !== undefined && monthOf(next) !== undefined) {
      if (p.date) return null;
      const yearTok = tokens[i + 2];
      const year = yearTok !== undefined && /^\d{4}$/.test(yearTok) ? Number(yearTok) : undefined;
      p.date = { month: monthOf(next) as number, day: Number(tok), ...(year === undefined ? {} : { year }) };
      i += year === undefined ? 1 : 2;
      continue;
    }
    if (low === 'now' || low === 'today') {
      p.relative = true;
      continue;
    }
    if (low === 'yesterday' || low === 'tomorrow') {
      addRelative(low === 'yesterday' ? -1 : 1, { seconds: 86400 });
      continue;
    }
    if (low === 'ago') {
      if (agoUsed || (sinceAgo.months === 0 && sinceAgo.seconds === 0)) return null;
      p.months -= 2 * sinceAgo.months;
      p.seconds -= 2 * sinceAgo.seconds;
      sinceAgo = { months: 0, seconds: 0 };
      agoUsed = true;
      continue;
    }
    const weekday = dayOf(tok);
    if (weekday !== undefined) {
      if (p.weekday) return null;
      p.weekday = { day: weekday, ordinal: 0 };
      continue;
    }
    if ((low === 'next' || low === 'last' || low === 'this') && next !== undefined) {
      const n = low === 'next' ? 1 : low === 'last' ? -1 : 0;
      const day = dayOf(next);
      if (day !== undefined) {
        if (p.weekday) return null;
        p.weekday = { day, ordinal: n };
        i++;
        continue;
      }
      const unit = unitOf(next);
      if (unit) {
        addRelative(n, unit);
        i++;
        continue;
      }
      return null;
    }
    if ((m = /^([+-]?\d+)$/.exec(tok)) && next !== undefined && unitOf(next)) {
      addRelative(Number(m[1]), unitOf(next) as { months?: number; seconds?: number });
      i++;
      continue;
    }
    const unit = unitOf(tok);
    if (unit) {
      addRelative(1, unit);
      continue;
    }
    const zone = parseZone(tok);
    if (zone !== undefined) {
      p.zone = zone;
      continue;
    }
    return null;
  }
  return p;
}

/** parse_datetime(TEXT) relative to NOW (UTC), or null for an invalid date. */
export function parseDate(text: string, now: Instant): Instant | null {
  const at = /^\s*@\s*([+-]?\d+)(?:[.,](\d+))?\s*$/.exec(text);
  if (at) {
    const sec = Number(at[1]);
    const nsec = at[2] === undefined ? 0 : Number(at[2].padEnd(9, '0').slice(0, 9));
    if (sec < 0 && nsec > 0) return { sec: sec - 1, nsec: 1e9 - nsec };
    return { sec, nsec };
  }
  if (text.trim() === '') {
    const d = new Date(now.sec * 1000);
    return { sec: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 1000, nsec: 0 };
  }
  const p = parseItems(text);
  if (!p) return null;
  const base = new Date(now.sec * 1000);
  let year = base.getUTCFullYear();
  let month = base.getUTCMonth();
  let day = base.getUTCDate();
  let hour = base.getUTCHours();
  let min = base.getUTCMinutes();
  let sec = base.getUTCSeconds();
  let nsec = now.nsec;
  if (p.date) {
    year = p.date.year ?? year;
    month = p.date.month;
    day = p.date.day;
    if (!validDate(year, month, day)) return null;
  }
  if (p.time) {
    ({ hour, min, sec, nsec } = p.time);
  } else if (p.date || p.weekday) {
    hour = min = sec = nsec = 0;
  }
  if (p.time && !p.date && !p.relative && !p.weekday) nsec = p.time.nsec;
  let ms = Date.UTC(year, month + p.months, day, hour, min, sec);
  if (p.weekday) {
    const wday = new Date(ms).getUTCDay();
    let delta = (p.weekday.day - wday + 7) % 7;
    if (p.weekday.ordinal > 0) delta += delta === 0 ? 7 : 7 * (p.weekday.ordinal - 1);
    else if (p.weekday.ordinal < 0) delta -= 7 * -p.weekday.ordinal;
    ms += delta * 86400000;
  }
  ms += p.seconds * 1000;
  if (p.zone !== undefined) ms -= p.zone * 1000;
  return { sec: Math.floor(ms / 1000), nsec };
}
