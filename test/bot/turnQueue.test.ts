import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue, TurnQueueFullError } from '../../src/bot/turnQueue';

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

describe('KeyedSerialQueue bound', () => {
  it('refuses a turn past the waiting limit of one key, and takes turns again once they drain', async () => {
    const queue = new KeyedSerialQueue(3);
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const running = [queue.run('webchat/a', () => held), queue.run('webchat/a', async () => 'b'), queue.run('webchat/a', async () => 'c')];
    await expect(queue.run('webchat/a', async () => 'de más')).rejects.toBeInstanceOf(TurnQueueFullError);
    // Another conversation is not affected.
    await expect(queue.run('webchat/otra', async () => 'otra')).resolves.toBe('otra');
    letGo();
    await Promise.all(running);
    await expect(queue.run('webchat/a', async () => 'luego')).resolves.toBe('luego');
    expect(queue.pendingKeys).toBe(0);
  });
});
