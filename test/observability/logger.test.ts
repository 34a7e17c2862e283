import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { configurePseudonymKey, createMemoryLogger, derivePseudonymKey, pseudonym } from '../../src/observability/logger';
import { startTestApp } from '../helpers/testApp';

describe('logger', () => {
  it('never writes personal data passed by mistake', () => {
    const log = createMemoryLogger();
    log.info('login_failed', { document: '1045678901', phone: '3001112233', text: 'mi clave es X', password: 'Secreta#1', attempts: 3 });
    const line = log.lines.join('\n');
    for (const secret of ['1045678901', '3001112233', 'mi clave', 'Secreta#1']) expect(line).not.toContain(secret);
    expect(JSON.parse(log.lines[0])).toMatchObject({ event: 'login_failed', attempts: 3 });
  });

  it('logs an error by class and code, not by its message', () => {
    const log = createMemoryLogger();
    const error = Object.assign(new Error('insert into accounts values (1045678901)'), { code: 'SQLITE_CONSTRAINT' });
    log.error('db_error', { error });
    expect(log.lines[0]).not.toContain('1045678901');
    expect(log.lines[0]).toContain('SQLITE_CONSTRAINT');
  });

  it('pseudonyms correlate without revealing', () => {
    expect(pseudonym('1045678901')).toBe(pseudonym('1045678901'));
    expect(pseudonym('1045678901')).not.toContain('8901');
  });

  it('pseudonyms are keyed by a key derived from SESSION_SECRET, never a constant', () => {
    const phone = '573001112233';
    // What a constant key gave: anyone could rebuild it by hashing every phone number.
    const withConstantKey = createHash('sha256').update(`oficina-virtual:${phone}`).digest('hex').slice(0, 12);
    configurePseudonymKey('a'.repeat(40));
    const first = pseudonym(phone);
    expect(first).not.toBe(withConstantKey);
    expect(first).toBe(pseudonym(phone, derivePseudonymKey('a'.repeat(40))));
    // Another deployment (another secret) gives unrelated pseudonyms; the key is not the secret itself.
    expect(pseudonym(phone, derivePseudonymKey('b'.repeat(40)))).not.toBe(first);
    expect(derivePseudonymKey('a'.repeat(40)).toString('utf8')).not.toContain('aaaa');
  });

  it('the app logs conversation pseudonyms keyed from its SESSION_SECRET', async () => {
    const t = await startTestApp();
    try {
      const ticket = (await (await fetch(`${t.baseUrl}/api/webchat/token`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json()) as {
        conversationId: string;
      };
      const line = t.logs.map((l) => JSON.parse(l) as { event: string; conversation?: string }).find((l) => l.event === 'directline.token_issued');
      expect(line?.conversation).toBe(pseudonym(ticket.conversationId, derivePseudonymKey('test-secret-for-oficina-virtual-0123456789')));
    } finally {
      await t.close();
    }
  });
});
