// Time-ordered ids: valid version 7 UUIDs that sort by the millisecond they were made in, and never repeat.
import { expect, it } from 'vitest';
import { timeOrderedId } from '../../src/domain/timeOrderedId';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

it('makes version 7 UUIDs carrying the time, sorted by it as text', () => {
  const times = [0, 1, 255, 256, Date.parse('2026-12-01T15:00:00.000Z'), Date.parse('2026-12-01T15:00:00.001Z'), 2 ** 48 - 1];
  const ids = times.map((t) => timeOrderedId(t));
  for (const id of ids) expect(id).toMatch(UUID_V7);
  expect([...ids].sort()).toEqual(ids);
  expect(ids[0]!.startsWith('00000000-0000-7')).toBe(true);
  // 2026-12-01T15:00:00Z is 0x01a2321ea980 ms after the epoch.
  expect(ids[4]!.slice(0, 13)).toBe('01a2321e-a980');
});

it('never repeats within one millisecond', () => {
  const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(1_700_000_000_000)));
  expect(ids.size).toBe(10_000);
});
