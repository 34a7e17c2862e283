import { describe, expect, it } from 'vitest';
import { AgentHours, describeOpening } from '../../src/domain/agentHours';
import { DomainError } from '../../src/domain/errors';

const DEFAULT = 'mon-fri 07:00-19:00; sat 08:00-12:00';
/** A Bogotá wall-clock time as an instant (UTC−5). */
const bogota = (local: string) => new Date(`${local}-05:00`);

describe('AgentHours.parse', () => {
  it.each([
    DEFAULT,
    'always',
    '  ALWAYS ',
    'mon,wed,fri 08:00-12:00, 14:00-18:00',
    'lun-vie 07:00-19:00; sab 08:00-12:00',
    'fri-mon 00:00-24:00',
    'mon 7:00-9:00',
    'mon-fri 07:00-19:00;',
  ])('accepts %j', (spec) => {
    expect(AgentHours.validate(spec)).toEqual([]);
    expect(() => AgentHours.parse(spec)).not.toThrow();
  });

  it.each([
    ['', 'is empty'],
    ['sometimes', 'expected "<days> HH:MM-HH:MM"'],
    ['monday-friday 07:00-19:00', 'unknown day "monday-friday"'],
    ['mon-fri 7-19', 'is not a time range'],
    ['mon-fri 07:00-25:00', 'is not a time range'],
    ['mon-fri 07:60-19:00', 'is not a time range'],
    ['mon-fri 19:00-07:00', 'ends before it starts'],
    ['mon-fri 07:00-07:00', 'ends before it starts'],
    ['mon-tue-wed 07:00-19:00', 'unknown day'],
  ])('refuses %j with a clear reason (%s)', (spec, reason) => {
    const problems = AgentHours.validate(spec);
    expect(problems.join('\n')).toContain(reason);
    expect(() => AgentHours.parse(spec)).toThrow(DomainError);
  });

  it('lists every problem at once, not only the first', () => {
    expect(AgentHours.validate('xyz 07:00-19:00; mon 19:00-07:00')).toHaveLength(2);
  });

  it('the error names the variable so an operator knows what to fix', () => {
    expect(() => AgentHours.parse('mon-fri 7-19')).toThrow(/^AGENT_HOURS /);
  });
});

describe('isOpen (Bogotá time, holidays closed)', () => {
  const hours = AgentHours.parse(DEFAULT);
  it.each([
    ['2026-12-04T07:00', true, 'Friday at opening'],
    ['2026-12-04T06:59', false, 'Friday a minute before'],
    ['2026-12-04T18:59', true, 'Friday a minute before closing'],
    ['2026-12-04T19:00', false, 'Friday at closing'],
    ['2026-12-05T08:00', true, 'Saturday morning'],
    ['2026-12-05T12:00', false, 'Saturday noon'],
    ['2026-12-06T10:00', false, 'Sunday'],
    ['2026-12-08T10:00', false, 'Tuesday holiday (Inmaculada Concepción)'],
    ['2026-12-25T10:00', false, 'Christmas'],
    ['2026-08-15T09:00', true, 'Saturday Aug 15: its holiday moved to Monday 17'],
    ['2026-08-17T09:00', false, 'Monday Aug 17 holiday'],
  ])('%s → %s (%s)', (local, open) => {
    expect(hours.isOpen(bogota(local))).toBe(open);
  });

  it('uses Bogotá time, not the server’s UTC clock', () => {
    // 23:30 UTC on Friday is 18:30 in Bogotá: open.
    expect(hours.isOpen(new Date('2026-12-04T23:30:00Z'))).toBe(true);
    // 13:00 UTC on Friday is 08:00 in Bogotá: open; 11:00 UTC is 06:00: closed.
    expect(hours.isOpen(new Date('2026-12-04T11:00:00Z'))).toBe(false);
  });

  it('"always" is open on holidays and at night', () => {
    const always = AgentHours.parse('always');
    expect(always.isOpen(bogota('2026-12-25T03:00'))).toBe(true);
  });

  it('merges overlapping and repeated ranges', () => {
    const h = AgentHours.parse('mon 08:00-10:00; mon 09:00-12:00, 14:00-15:00');
    expect(h.isOpen(bogota('2026-12-07T11:59'))).toBe(true);
    expect(h.isOpen(bogota('2026-12-07T13:00'))).toBe(false);
    expect(h.describe()).toBe('lunes de 8:00 a 12:00 y de 14:00 a 15:00 (excepto festivos)');
  });
});

describe('nextOpening and how to say it', () => {
  const hours = AgentHours.parse(DEFAULT);
  it.each([
    ['2026-12-04T10:00', '2026-12-04T10:00', 'hoy a las 10:00', 'open now: now'],
    ['2026-12-04T05:30', '2026-12-04T07:00', 'hoy a las 7:00', 'early Friday'],
    ['2026-12-04T19:30', '2026-12-05T08:00', 'mañana a las 8:00', 'Friday night → Saturday 8:00'],
    ['2026-12-05T13:00', '2026-12-07T07:00', 'el lunes a las 7:00', 'Saturday afternoon → Monday'],
    ['2026-12-07T20:00', '2026-12-09T07:00', 'el miércoles a las 7:00', 'Monday night, Tuesday holiday → Wednesday'],
    ['2026-12-24T20:00', '2026-12-26T08:00', 'el sábado a las 8:00', 'Christmas Eve night → Saturday 26'],
    ['2026-03-28T13:00', '2026-03-30T07:00', 'el lunes a las 7:00', 'Saturday before Holy Week'],
    ['2026-04-01T20:00', '2026-04-04T08:00', 'el sábado a las 8:00', 'Holy Wednesday night → Holy Saturday'],
  ])('at %s the next opening is %s: "%s" (%s)', (at, expected, text) => {
    const opening = hours.nextOpening(bogota(at));
    expect(opening.toISOString()).toBe(bogota(expected).toISOString());
    expect(describeOpening(opening, bogota(at))).toBe(text);
  });

  it('names the date when the opening is a week or more away', () => {
    const weekly = AgentHours.parse('mon 09:00-10:00');
    const at = bogota('2026-01-05T11:00'); // Monday after the opening; next Monday 12th is a holiday
    const opening = weekly.nextOpening(at);
    expect(opening.toISOString()).toBe(bogota('2026-01-19T09:00').toISOString());
    expect(describeOpening(opening, at)).toBe('el lunes 19 de enero a las 9:00');
  });

  it('describes the schedule in Spanish', () => {
    expect(hours.describe()).toBe('lunes a viernes de 7:00 a 19:00; sábado de 8:00 a 12:00 (excepto festivos)');
    expect(AgentHours.parse('always').describe()).toBe('todos los días, a toda hora');
  });
});
