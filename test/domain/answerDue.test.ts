import { describe, expect, it } from 'vitest';
import { authorizationAnswerDue, pqrdsAnswerDue } from '../../src/domain/answerDue';
import { PQRDS_TYPE_LABELS, type PqrdsType } from '../../src/domain/model/pqrds';

const PQRDS_TYPES = Object.keys(PQRDS_TYPE_LABELS) as PqrdsType[];

describe('authorization answer due date', () => {
  it('is 5 business days after reception, with the 2-day earliest bound of the manual', () => {
    // Friday 2026-12-04 09:00 Bogotá; Tuesday 8 is a holiday.
    const due = authorizationAnswerDue(new Date('2026-12-04T14:00:00Z'));
    expect(due.dueDate).toBe('2026-12-14');
    expect(due.earliestDate).toBe('2026-12-09');
    expect(due.term).toEqual({ amount: 5, unit: 'business_days' });
    expect(due.dueAt.toISOString()).toBe('2026-12-15T04:59:59.999Z'); // end of the 14th in Bogotá
  });

  it('a filing on Friday evening counts from Monday', () => {
    expect(authorizationAnswerDue(new Date('2026-12-04T23:30:00Z')).dueDate).toBe('2026-12-15');
  });
});

describe('PQRDS answer due date', () => {
  it.each(PQRDS_TYPES)('a %s without risk classification gets 15 business days (Ley 1755 art. 14)', (type) => {
    const due = pqrdsAnswerDue(new Date('2026-01-05T15:00:00Z'), type);
    expect(due.dueDate).toBe('2026-01-27');
    expect(due.term).toEqual({ amount: 15, unit: 'business_days' });
    expect(due.basis).toContain('1755');
  });

  it.each([
    ['vital', 24, '2026-12-25T23:00:00.000Z', '2026-12-25'],
    ['priority', 48, '2026-12-26T23:00:00.000Z', '2026-12-26'],
    ['simple', 72, '2026-12-27T23:00:00.000Z', '2026-12-27'],
  ] as const)('risk %s is due %i calendar hours after filing, holidays included', (risk, hours, dueAt, dueDate) => {
    // Filed Thursday 24 December 18:00 Bogotá; Christmas and the weekend do not stop the clock.
    const due = pqrdsAnswerDue(new Date('2026-12-24T23:00:00Z'), 'reclamo', risk);
    expect(due.term).toEqual({ amount: hours, unit: 'hours' });
    expect(due.dueAt.toISOString()).toBe(dueAt);
    expect(due.dueDate).toBe(dueDate);
  });
});
