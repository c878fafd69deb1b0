/**
 * A tiny iCalendar (RFC 5545) writer, just what the calendar of the windows needs: one
 * VCALENDAR of VEVENTs at UTC instants, each with an optional display alarm. Text values are
 * escaped (§3.3.11), content lines folded at 75 octets without cutting a UTF-8 character
 * (§3.1), and every line, the last included, ends with CRLF.
 */

export interface IcsAlarm {
  /** When the alarm fires, as an RFC 5545 duration relative to the start: "-P3D". */
  trigger: string;
  description: string;
}

export interface IcsEvent {
  /** Globally unique and stable across downloads, so a second import updates the first. */
  uid: string;
  start: Date;
  /** Without an end, the event is an instant (RFC 5545 §3.6.1: it ends when it starts). */
  end?: Date;
  summary: string;
  description?: string;
  url?: string;
  /** True for events that do not make the candidate "busy" (TRANSP:TRANSPARENT). */
  transparent?: boolean;
  alarm?: IcsAlarm;
}

export interface IcsCalendar {
  /** PRODID: who made the file, "-//Organisation//Product//FR". */
  prodId: string;
  /** The calendar's name (RFC 7986 NAME, and X-WR-CALNAME that most applications read). */
  name?: string;
  /** DTSTAMP of every event: when this file was produced (METHOD:PUBLISH). */
  stamp: Date;
  events: IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** "20241113T180000Z": a UTC DATE-TIME (form #2 of RFC 5545 §3.3.5), to the second. */
export function icsDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date in calendar');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break written
 * "\n"; other control characters, which TEXT may not hold, dropped.
 */
export function escapeIcsText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/**
 * Folds one content line (§3.1): no physical line longer than 75 octets, continuations begin
 * with one space (which counts in their 75), and a multi-octet UTF-8 character is never cut.
 */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

function eventLines(event: IcsEvent, stamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${icsDateTime(event.start)}`,
  ];
  if (event.end) lines.push(`DTEND:${icsDateTime(event.end)}`);
  lines.push(`SUMMARY:${escapeIcsText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeIcsText(event.description)}`);
  // URL is a URI value, not TEXT: written as is (it must not contain line breaks).
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  if (event.transparent) lines.push('TRANSP:TRANSPARENT');
  if (event.alarm) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:${event.alarm.trigger}`,
      `DESCRIPTION:${escapeIcsText(event.alarm.description)}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The whole file: folded content lines, each ending with CRLF. */
export function serializeIcs(calendar: IcsCalendar): string {
  const stamp = icsDateTime(calendar.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeIcsText(calendar.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (calendar.name) {
    lines.push(`NAME:${escapeIcsText(calendar.name)}`);
    lines.push(`X-WR-CALNAME:${escapeIcsText(calendar.name)}`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event, stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
