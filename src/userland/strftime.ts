/**
 * strftime as GNU date(1) of coreutils 9.1 calls it (gnulib's nstrftime, C locale), for a
 * machine whose zone is UTC (the oracle guest and this one have no /etc/localtime):
 * conversions, the GNU flags "_", "-", "0", "^", "#", a field width, the E and O modifiers
 * (ignored in the C locale), %N with a precision and %z, %:z, %::z, %:::z.
 * Checked against `LC_ALL=C date -u -d @1700000000.123456789 +FORMAT` on Debian 12.
 */

export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A point in time: whole seconds since the epoch (may be negative) and nanoseconds. */
export interface Instant {
  sec: number;
  nsec: number;
}

export function instantOfMs(ms: number): Instant {
  const sec = Math.floor(ms / 1000);
  return { sec, nsec: (ms - sec * 1000) * 1e6 };
}

interface Fields {
  year: number;
  month: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number;
}

function fieldsOf(sec: number): Fields {
  const d = new Date(sec * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    mday: d.getUTCDate(),
    hour: d.getUTCHours(),
    min: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    wday: d.getUTCDay(),
    yday: Math.floor((d.getTime() - start) / 86400000),
  };
}

/** ISO 8601 week-based year and week (%G, %g, %V). */
function isoWeek(f: Fields): { year: number; week: number } {
  const wdayMon = (f.wday + 6) % 7;
  const thursday = f.yday - wdayMon + 3;
  const daysInYear = (y: number): number => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365);
  if (thursday < 0) {
    const prev = f.year - 1;
    const yday = f.yday + daysInYear(prev);
    return isoWeek({ ...f, year: prev, yday });
  }
  if (thursday >= daysInYear(f.year)) return { year: f.year + 1, week: 1 };
  return { year: f.year, week: Math.floor(thursday / 7) + 1 };
}

type Pad = '0' | '_' | '-' | '';

/** A number padded as nstrftime's DO_NUMBER does: DIGITS wide by default, zeros unless told. */
function number(value: number, digits: number, pad: Pad, width: number, defaultPad: '0' | '_' = '0'): string {
  const neg = value < 0;
  const body = String(Math.abs(value));
  if (pad === '-') return (neg ? '-' : '') + body;
  const w = Math.max(width || digits, 0);
  const fill = (pad || defaultPad) === '_' ? ' ' : '0';
  if (fill === ' ') return ((neg ? '-' : '') + body).padStart(w, ' ');
  return (neg ? '-' : '') + body.padStart(w - (neg ? 1 : 0), '0');
}

/** A word padded on the left with spaces (zeros with the 0 flag) to WIDTH. */
function word(text: string, pad: Pad, width: number): string {
  if (pad === '-' || width <= text.length) return text;
  return text.padStart(width, pad === '0' ? '0' : ' ');
}

function zone(colons: number, pad: Pad, width: number): string {
  // UTC: the offset is zero.
  if (colons === 1) return word('+00:00', pad, width);
  if (colons === 2) return word('+00:00:00', pad, width);
  if (colons === 3) return word('+00', pad, width);
  if (pad === '-') return '+0';
  if (pad === '_') return '+0'.padStart(Math.max(width, 5), ' ');
  return '+' + '0'.repeat(Math.max(width, 5) - 1);
}

/** Format INSTANT (UTC) with the GNU date FORMAT. */
export function strftime(format: string, t: Instant): string {
  const f = fieldsOf(t.sec);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const start = i;
    let pad: Pad = '';
    let upper = false;
    let swap = false;
    i++;
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === '_' || flag === '-' || flag === '0') pad = flag;
      else if (flag === '^') upper = true;
      else if (flag === '#') swap = true;
      else break;
    }
    let widthText = '';
    while (i < format.length && /[0-9]/.test(format[i])) widthText += format[i++];
    const width = widthText === '' ? 0 : Number(widthText);
    let colons = 0;
    while (format[i] === ':' && colons < 3) {
      colons++;
      i++;
    }
    if (format[i] === 'E' || format[i] === 'O') i++;
    const conv = format[i];
    if (conv === undefined) {
      out += format.slice(start);
      break;
    }
    if (colons > 0 && conv !== 'z') {
      out += format.slice(start, i + 1);
      continue;
    }
    const name = (s: string, swapToLower = false): string => {
      let v = s;
      if (upper) v = v.toUpperCase();
      else if (swap) v = swapToLower ? v.toLowerCase() : v.toUpperCase();
      return word(v, pad, width);
    };
    const num = (v: number, digits: number, defaultPad: '0' | '_' = '0'): string => number(v, digits, pad, width, defaultPad);
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (conv) {
      case '%': out += word('%', pad, width); break;
      case 'a': out += name(DAYS[f.wday].slice(0, 3)); break;
      case 'A': out += name(DAYS[f.wday]); break;
      case 'b':
      case 'h': out += name(MONTHS[f.month].slice(0, 3)); break;
      case 'B': out += name(MONTHS[f.month]); break;
      case 'c': out += name(strftime('%a %b %e %H:%M:%S %Y', t)); break;
      case 'C': out += num(Math.floor(f.year / 100), 2); break;
      case 'd': out += num(f.mday, 2); break;
      case 'D': out += name(strftime('%m/%d/%y', t)); break;
      case 'e': out += num(f.mday, 2, '_'); break;
      case 'F': out += name(`${number(f.year, 4, '', 0)}-${strftime('%m-%d', t)}`); break;
      case 'g': out += num(isoWeek(f).year % 100, 2); break;
      case 'G': out += num(isoWeek(f).year, 4); break;
      case 'H': out += num(f.hour, 2); break;
      case 'I': out += num(hour12, 2); break;
      case 'j': out += num(f.yday + 1, 3); break;
      case 'k': out += num(f.hour, 2, '_'); break;
      case 'l': out += num(hour12, 2, '_'); break;
      case 'm': out += num(f.month + 1, 2); break;
      case 'M': out += num(f.min, 2); break;
      case 'n': out += '\n'; break;
      case 'N': {
        const digits = width === 0 ? 9 : width;
        const nine = String(t.nsec).padStart(9, '0');
        out += digits <= 9 ? nine.slice(0, digits) : nine.padEnd(digits, '0');
        break;
      }
      case 'p': out += name(f.hour < 12 ? 'AM' : 'PM', true); break;
      case 'P': out += word(f.hour < 12 ? 'am' : 'pm', pad, width); break;
      case 'q': out += num(Math.floor(f.month / 3) + 1, 1); break;
      case 'r': out += name(strftime('%I:%M:%S %p', t)); break;
      case 'R': out += name(strftime('%H:%M', t)); break;
      case 's': out += num(t.sec, 1); break;
      case 'S': out += num(f.sec, 2); break;
      case 't': out += '\t'; break;
      case 'T': out += name(strftime('%H:%M:%S', t)); break;
      case 'u': out += num(f.wday === 0 ? 7 : f.wday, 1); break;
      case 'U': out += num(Math.floor((f.yday - f.wday + 7) / 7), 2); break;
      case 'V': out += num(isoWeek(f).week, 2); break;
      case 'w': out += num(f.wday, 1); break;
      case 'W': out += num(Math.floor((f.yday - ((f.wday + 6) % 7) + 7) / 7), 2); break;
      case 'x': out += name(strftime('%m/%d/%y', t)); break;
      case 'X': out += name(strftime('%H:%M:%S', t)); break;
      case 'y': out += num(((f.year % 100) + 100) % 100, 2); break;
      case 'Y': out += num(f.year, 1); break;
      case 'z': out += zone(colons, pad, width); break;
      case 'Z': out += name('UTC', true); break;
      default:
        // An unknown conversion is copied as written (nstrftime's bad_format).
        out += word(format.slice(start, i + 1), pad === '' ? '_' : pad, width);
        break;
    }
  }
  return out;
}
