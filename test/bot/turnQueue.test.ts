import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from '../../src/bot/turnQueue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedSerialQueue', () => {
  it('runs tasks of one conversation one after another, in arrival order', async () => {
    const queue = new KeyedSerialQueue();
    const order: string[] = [];
    const gate = deferred();
    const first = queue.run('c1', async () => {
      order.push('first:start');
      await gate.promise;
      order.push('first:end');
    });
    const second = queue.run('c1', async () => {
      order.push('second');
    });
    await Promise.resolve();
    expect(order).toEqual(['first:start']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first:start', 'first:end', 'second']);
    expect(queue.pendingKeys).toBe(0);
  });

  it('does not hold other conversations back', async () => {
    const queue = new KeyedSerialQueue();
    const gate = deferred();
    const slow = queue.run('c1', () => gate.promise);
    let otherRan = false;
    await queue.run('c2', async () => {
      otherRan = true;
    });
    expect(otherRan).toBe(true);
    gate.resolve();
    await slow;
  });

  it('a failing turn does not block the next one', async () => {
    const queue = new KeyedSerialQueue();
    await expect(queue.run('c1', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(queue.run('c1', async () => 'ok')).resolves.toBe('ok');
  });
});
