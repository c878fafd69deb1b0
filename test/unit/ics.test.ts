import { describe, expect, it } from 'vitest';
import {
  escapeIcsText,
  foldIcsLine,
  icsDateTime,
  serializeIcs,
} from '../../src/web/routes/public/ics.js';

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');
/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (text: string): string[] => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('iCalendar values', () => {
  it('writes instants in UTC to the second', () => {
    expect(icsDateTime(new Date('2024-11-13T18:00:00.000Z'))).toBe('20241113T180000Z');
    expect(icsDateTime(new Date('2024-10-21T22:00:00.999Z'))).toBe('20241021T220000Z');
    expect(() => icsDateTime(new Date('nope'))).toThrow(RangeError);
  });

  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeIcsText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeIcsText('une\ndeux\r\ntrois\rquatre')).toBe('une\\ndeux\\ntrois\\nquatre');
    expect(escapeIcsText('déjà : 10 h 00 – « ok »')).toBe('déjà : 10 h 00 – « ok »');
    expect(escapeIcsText('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('escapes a backslash before what it escapes, never twice', () => {
    expect(escapeIcsText('\\,')).toBe('\\\\\\,');
    expect(escapeIcsText('\\n')).toBe('\\\\n');
  });
});

describe('line folding', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldIcsLine(line)).toBe(line);
  });

  it('folds at 75 octets, continuations starting with one space', () => {
    const line = 'A'.repeat(200);
    const physical = foldIcsLine(line).split('\r\n');
    expect(physical.map(octets)).toEqual([75, 75, 1 + 200 - 75 - 74]);
    expect(physical.slice(1).every((l) => l.startsWith(' ') && !l.startsWith('  '))).toBe(true);
    expect(unfold(foldIcsLine(line))).toEqual([line]);
  });

  it('never cuts a multi-octet UTF-8 character', () => {
    const line = 'SUMMARY:' + 'é'.repeat(60) + '€'.repeat(20) + '😀'.repeat(5);
    const folded = foldIcsLine(line);
    for (const physical of folded.split('\r\n')) {
      expect(octets(physical)).toBeLessThanOrEqual(75);
      expect(physical).not.toContain('\uFFFD');
      // Each physical line is valid UTF-8 on its own: encoding round-trips.
      expect(Buffer.from(physical, 'utf8').toString('utf8')).toBe(physical);
    }
    expect(unfold(folded)).toEqual([line]);
    // 8 ASCII then 2-octet "é": the first line stops at 75 octets or one short of it.
    expect(octets(folded.split('\r\n')[0] ?? '')).toBeGreaterThanOrEqual(74);
  });
});

describe('the calendar file', () => {
  const file = serializeIcs({
    prodId: '-//candidat//Test//FR',
    name: 'Inscriptions, examens; test',
    stamp: new Date('2024-10-15T10:00:00.000Z'),
    events: [
      {
        uid: '2025-BCP-cloture@exemple.fr',
        start: new Date('2024-11-13T18:00:00.000Z'),
        summary: 'Clôture des inscriptions BAC PRO – Session juin 2025',
        description:
          'Baccalauréat professionnel (BAC PRO), Session juin 2025 : inscriptions du 10 octobre 2024 à 10 h 00 au 13 novembre 2024 à 19 h 00, heure de Paris.\nVoir https://exemple.fr/calendrier',
        url: 'https://exemple.fr/calendrier',
        transparent: true,
        alarm: { trigger: '-P7D', description: 'Clôture dans 7 jours' },
      },
      {
        uid: 'span@exemple.fr',
        start: new Date('2024-10-10T08:00:00.000Z'),
        end: new Date('2024-11-13T18:00:00.000Z'),
        summary: 'Fenêtre',
      },
    ],
  });

  it('ends every line, the last included, with CRLF and has no bare LF or CR', () => {
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const physical of file.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
  });

  it('holds the calendar and its events, text escaped, once unfolded', () => {
    const lines = unfold(file);
    expect(lines.slice(0, 7)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//candidat//Test//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'NAME:Inscriptions\\, examens\\; test',
      'X-WR-CALNAME:Inscriptions\\, examens\\; test',
    ]);
    expect(lines.slice(7, 21)).toEqual([
      'BEGIN:VEVENT',
      'UID:2025-BCP-cloture@exemple.fr',
      'DTSTAMP:20241015T100000Z',
      'DTSTART:20241113T180000Z',
      'SUMMARY:Clôture des inscriptions BAC PRO – Session juin 2025',
      'DESCRIPTION:Baccalauréat professionnel (BAC PRO)\\, Session juin 2025 : inscriptions du 10 octobre 2024 à 10 h 00 au 13 novembre 2024 à 19 h 00\\, heure de Paris.\\nVoir https://exemple.fr/calendrier',
      'URL:https://exemple.fr/calendrier',
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-P7D',
      'DESCRIPTION:Clôture dans 7 jours',
      'END:VALARM',
      'END:VEVENT',
    ]);
    expect(lines.slice(21)).toEqual([
      'BEGIN:VEVENT',
      'UID:span@exemple.fr',
      'DTSTAMP:20241015T100000Z',
      'DTSTART:20241010T080000Z',
      'DTEND:20241113T180000Z',
      'SUMMARY:Fenêtre',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('folds the long description it wrote', () => {
    const physical = file.split('\r\n');
    const start = physical.findIndex((l) => l.startsWith('DESCRIPTION:Baccalauréat'));
    expect(physical[start + 1]?.startsWith(' ')).toBe(true);
  });
});
