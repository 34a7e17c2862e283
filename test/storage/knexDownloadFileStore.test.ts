// The files the bot sends to web chats, in the database on both engines: any instance serves them while
// their link lives, never after, and a client asking for file after file cannot grow the table past its
// byte budget (the oldest go first).
import { beforeEach, expect, it } from 'vitest';
import { KnexDownloadFileStore } from '../../src/storage/repositories/knexDownloadFileStore';
import { describeDatabases } from '../helpers/testDb';

const NOW = new Date('2026-11-27T15:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const pdf = (n: number) => ({ conversationId: 'c1', contentType: 'application/pdf', name: `certificado-${n}.pdf`, bytes: Buffer.alloc(1024, n) });

describeDatabases(
  'web chat download files',
  ({ db }) => {
    beforeEach(async () => {
      await db().knex('directline_files').delete();
    });

    it('gives the file back, bytes and all, from another instance, until its link expires', async () => {
      await new KnexDownloadFileStore(db().knex).put('a'.repeat(32), pdf(7), { now: NOW, expiresAt: later(30 * 60_000) });
      const other = new KnexDownloadFileStore(db().knex);
      const file = await other.get('a'.repeat(32), later(60_000));
      expect(file).toMatchObject({ conversationId: 'c1', contentType: 'application/pdf', name: 'certificado-7.pdf' });
      expect(file!.bytes.equals(Buffer.alloc(1024, 7))).toBe(true);
      expect(await other.get('a'.repeat(32), later(30 * 60_000))).toBeUndefined();
    });

    it('keeps within its byte budget, dropping the oldest files first', async () => {
      const store = new KnexDownloadFileStore(db().knex, 3 * 1024);
      for (let n = 1; n <= 5; n++) await store.put(String(n).repeat(32), pdf(n), { now: later(n), expiresAt: later(60_000) });
      const kept = ((await db().knex('directline_files').select('name').orderBy('created_at')) as Array<{ name: string }>).map((r) => r.name);
      expect(kept).toEqual(['certificado-3.pdf', 'certificado-4.pdf', 'certificado-5.pdf']);
    });
  },
  { seed: 'none' },
);
