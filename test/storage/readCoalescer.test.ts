// Reads by key coalesced across turns: the keys asked for while a query is out go together in the next
// one, a reader never gets a value read before it asked, two readers of one key never share one object,
// and a failed query fails its own readers only.
import { expect, it } from 'vitest';
import { ReadCoalescer } from '../../src/storage/readCoalescer';

interface Query {
  keys: string[];
  answer(values: Record<string, { n: number }>): void;
  fail(error: Error): void;
}

/** Lets the promise callbacks already due run (the next query starts in the last one's `finally`). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

function fakeSource() {
  const queries: Query[] = [];
  const coalescer = new ReadCoalescer<{ n: number }>(
    (keys) =>
      new Promise((resolve, reject) =>
        queries.push({ keys, answer: (values) => resolve(new Map(Object.entries(values))), fail: reject }),
      ),
  );
  return { queries, coalescer };
}

it('sends the first read at once and the keys asked for meanwhile together in the next query', async () => {
  const { queries, coalescer } = fakeSource();
  const first = coalescer.read('a');
  expect(queries.map((q) => q.keys)).toEqual([['a']]);
  const later = ['b', 'c', 'd'].map((key) => coalescer.read(key));
  expect(queries).toHaveLength(1);
  queries[0]!.answer({ a: { n: 1 } });
  expect(await first).toEqual({ n: 1 });
  await settled();
  expect(queries.map((q) => q.keys)).toEqual([['a'], ['b', 'c', 'd']]);
  queries[1]!.answer({ b: { n: 2 }, d: { n: 4 } });
  expect(await Promise.all(later)).toEqual([{ n: 2 }, undefined, { n: 4 }]);
});

it('reads a key asked for while a query for it is out again, after it (a write in between is seen)', async () => {
  const { queries, coalescer } = fakeSource();
  const before = coalescer.read('a');
  const after = coalescer.read('a');
  queries[0]!.answer({ a: { n: 1 } });
  expect(await before).toEqual({ n: 1 });
  await settled();
  expect(queries.map((q) => q.keys)).toEqual([['a'], ['a']]);
  queries[1]!.answer({ a: { n: 2 } });
  expect(await after).toEqual({ n: 2 });
});

it('gives two readers of one key in one query their own copies', async () => {
  const { queries, coalescer } = fakeSource();
  void coalescer.read('busy');
  const [x, y] = [coalescer.read('a'), coalescer.read('a')];
  queries[0]!.answer({});
  await settled();
  queries[1]!.answer({ a: { n: 1 } });
  const [one, two] = await Promise.all([x, y]);
  one!.n = 99;
  expect(two).toEqual({ n: 1 });
});

it('fails the readers of a failed query only, and goes on with the next', async () => {
  const { queries, coalescer } = fakeSource();
  const failed = coalescer.read('a');
  const next = coalescer.read('b');
  queries[0]!.fail(new Error('connection lost'));
  await expect(failed).rejects.toThrow('connection lost');
  await settled();
  queries[1]!.answer({ b: { n: 2 } });
  expect(await next).toEqual({ n: 2 });
});
