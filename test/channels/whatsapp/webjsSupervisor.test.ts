import { describe, expect, it } from 'vitest';
import { Scheduler, WebJsSupervisor } from '../../../src/channels/whatsapp/webjsSupervisor';
import { createMemoryLogger } from '../../../src/observability/logger';
import { FakeWebJsClient } from '../../helpers/fakeWebJsClient';

/** A scheduler the test advances by hand: no timers, no sleeps. */
function manualScheduler() {
  const pending: { task: () => Promise<void>; ms: number; cancelled: boolean }[] = [];
  const scheduler: Scheduler = {
    schedule(task, ms) {
      const entry = { task, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
  };
  return {
    scheduler,
    delays: () => pending.map((p) => p.ms),
    /** Runs the oldest pending task; resolves after the restart it triggers has settled. */
    async runNext(): Promise<void> {
      const entry = pending.find((p) => !p.cancelled && p.ms >= 0);
      if (!entry) throw new Error('nothing scheduled');
      entry.cancelled = true;
      await entry.task();
    },
    active: () => pending.filter((p) => !p.cancelled).length,
  };
}

function setup() {
  const client = new FakeWebJsClient();
  const logger = createMemoryLogger();
  const timers = manualScheduler();
  const shown: string[] = [];
  const supervisor = new WebJsSupervisor({
    client,
    logger,
    scheduler: timers.scheduler,
    random: () => 0.5, // no jitter
    backoff: { initialMs: 5_000, maxMs: 60_000 },
    terminal: { showQr: (qr) => shown.push(`qr:${qr}`), showPairingCode: (code) => shown.push(`code:${code}`) },
  });
  return { client, logger, timers, shown, supervisor };
}

describe('whatsapp-web.js supervisor', () => {
  it('shows the QR in the terminal, never in the log, and reports the states it goes through', async () => {
    const { client, logger, shown, supervisor } = setup();
    await supervisor.start();
    client.emitState({ kind: 'qr', qr: '2@SECRETQRPAYLOAD' });
    expect(supervisor.state).toBe('waiting_for_link');
    client.emitState({ kind: 'authenticated' });
    client.emitState({ kind: 'ready' });

    expect(shown).toEqual(['qr:2@SECRETQRPAYLOAD']);
    expect(supervisor.state).toBe('ready');
    const log = logger.lines.join('\n');
    expect(log).not.toContain('SECRETQRPAYLOAD');
    expect(logger.lines.map((l) => JSON.parse(l).state)).toEqual(['starting', 'waiting_for_link', 'authenticated', 'ready']);
  });

  it('shows a pairing code when linking by phone number', async () => {
    const { client, shown, supervisor } = setup();
    await supervisor.start();
    client.emitState({ kind: 'pairing_code', code: 'ABCD1234' });
    expect(shown).toEqual(['code:ABCD1234']);
  });

  it('reconnects after a disconnection with growing delays, and resets them once ready', async () => {
    const { client, timers, supervisor } = setup();
    await supervisor.start();
    client.emitState({ kind: 'ready' });

    client.emitState({ kind: 'disconnected', reason: 'NAVIGATION' });
    expect(supervisor.state).toBe('reconnecting');
    await timers.runNext();
    expect(client.stops).toBe(1);
    expect(client.starts).toBe(2);

    client.emitState({ kind: 'disconnected', reason: 'NAVIGATION' });
    await timers.runNext();
    client.emitState({ kind: 'disconnected', reason: 'NAVIGATION' });
    await timers.runNext();
    expect(timers.delays()).toEqual([5_000, 10_000, 20_000]);

    client.emitState({ kind: 'ready' });
    client.emitState({ kind: 'disconnected', reason: 'CONFLICT' });
    expect(timers.delays().at(-1)).toBe(5_000);
  });

  it('caps the delay and schedules one restart at a time', async () => {
    const { client, timers, supervisor } = setup();
    await supervisor.start();
    client.emitState({ kind: 'disconnected', reason: 'a' });
    client.emitState({ kind: 'disconnected', reason: 'b' });
    expect(timers.active()).toBe(1);
    expect(supervisor.delayFor(10)).toBe(60_000);
  });

  it('retries when Chromium fails to start', async () => {
    const { client, timers, supervisor, logger } = setup();
    client.failNextStart = true;
    await supervisor.start();
    expect(supervisor.state).toBe('reconnecting');
    expect(logger.lines.some((l) => l.includes('whatsapp_webjs_start_failed'))).toBe(true);
    await timers.runNext();
    expect(client.starts).toBe(2);
    expect(supervisor.state).toBe('starting');
  });

  it('restarts after a rejected session so a new QR can be scanned', async () => {
    const { client, timers, supervisor } = setup();
    await supervisor.start();
    client.emitState({ kind: 'auth_failure' });
    await timers.runNext();
    expect(client.starts).toBe(2);
  });

  it('stops for good: pending restarts are cancelled and later events ignored', async () => {
    const { client, timers, supervisor } = setup();
    await supervisor.start();
    client.emitState({ kind: 'disconnected', reason: 'x' });
    await supervisor.stop();
    expect(timers.active()).toBe(0);
    client.emitState({ kind: 'disconnected', reason: 'y' });
    expect(timers.active()).toBe(0);
    expect(supervisor.state).toBe('stopped');
  });
});
