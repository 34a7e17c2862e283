import { describe, expect, it } from 'vitest';
import { createMemoryLogger, pseudonym } from '../../src/observability/logger';

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
});
