import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTooLargeError, StagedFileStore } from '../../src/storage/stagedFileStore';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function store(): Promise<StagedFileStore> {
  dir = await mkdtemp(path.join(tmpdir(), 'staged-'));
  return new StagedFileStore(dir);
}

describe('StagedFileStore', () => {
  it('keeps the bytes with their size and SHA-256', async () => {
    const s = await store();
    const info = await s.put(Buffer.from('%PDF-1.7 hola'), { declaredType: 'application/pdf' });
    expect(info.size).toBe(13);
    expect(info.sha256).toBe(createHash('sha256').update('%PDF-1.7 hola').digest('hex'));
    expect((await s.read(info.id)).toString()).toBe('%PDF-1.7 hola');
    expect(await s.stat(info.id)).toMatchObject({ size: 13, declaredType: 'application/pdf' });
  });

  it('refuses past the limit while streaming and leaves nothing behind', async () => {
    const s = await store();
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(1024, 1));
    await expect(s.put(Readable.from(chunks), { maxBytes: 10 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never opens a path that is not one of its ids', async () => {
    const s = await store();
    await expect(s.read('../../etc/passwd')).rejects.toThrow('invalid staged id');
    expect(StagedFileStore.idFromUrl('staged:../x')).toBeUndefined();
  });

  it('sweeps files of conversations abandoned mid-flow, keeping recent ones', async () => {
    const s = await store();
    const old = await s.put(Buffer.from('viejo'));
    const fresh = await s.put(Buffer.from('nuevo'));
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await utimes(path.join(dir, old.id), dayAgo, dayAgo);
    expect(await s.sweep(new Date(), 24 * 3600_000)).toBe(1);
    expect(await s.stat(old.id)).toBeUndefined();
    expect((await s.read(fresh.id)).toString()).toBe('nuevo');
  });
});

describe('StagedFileStore with a failing upload stream', () => {
  it('reports a stream that fails before reading starts, instead of crashing the process', async () => {
    const s = await store();
    const broken = new Readable({ read() {} });
    const pending = s.put(broken);
    broken.destroy(new Error('connection reset'));
    await expect(pending).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('StagedFileStore quotas and claims', () => {
  const quotas = { maxTotalBytes: 100 * 1024, maxFiles: 5, maxBytesPerOwner: 30 * 1024 };

  it("refuses a file past its owner's share while streaming, leaving nothing behind, and others still fit", async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'staged-'));
    const s = new StagedFileStore(dir, quotas);
    await s.put(Buffer.alloc(20 * 1024, 1), { owners: ['conversation:a', 'address:1.2.3.4'] });
    const refused = s.put(Readable.from(Array.from({ length: 15 }, () => Buffer.alloc(1024, 2))), { owners: ['conversation:a', 'address:1.2.3.4'] });
    await expect(refused).rejects.toMatchObject({ name: 'StagedQuotaError', scope: 'owner' });
    expect((await readdir(dir)).filter((name) => !name.endsWith('.json'))).toHaveLength(1);
    expect(s.bytesOf('conversation:a')).toBe(20 * 1024);
    await expect(s.put(Buffer.alloc(20 * 1024, 3), { owners: ['conversation:b', 'address:5.6.7.8'] })).resolves.toMatchObject({ size: 20 * 1024 });
  });

  it('gives an owner its share back when its files are removed', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'staged-'));
    const s = new StagedFileStore(dir, quotas);
    const first = await s.put(Buffer.alloc(25 * 1024, 1), { owners: ['conversation:a'] });
    await expect(s.put(Buffer.alloc(10 * 1024, 1), { owners: ['conversation:a'] })).rejects.toMatchObject({ scope: 'owner' });
    await s.remove(first.id);
    await expect(s.put(Buffer.alloc(10 * 1024, 1), { owners: ['conversation:a'] })).resolves.toMatchObject({ size: 10 * 1024 });
  });

  it('refuses past the total bytes and past the number of files, whoever sends', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'staged-'));
    const s = new StagedFileStore(dir, quotas);
    for (let i = 0; i < 4; i++) await s.put(Buffer.alloc(24 * 1024, 1), { owners: [`conversation:${i}`] });
    await expect(s.put(Buffer.alloc(8 * 1024, 1), { owners: ['conversation:x'] })).rejects.toMatchObject({ scope: 'total' });
    await s.put(Buffer.alloc(10, 1));
    await expect(s.put(Buffer.alloc(10, 1))).rejects.toMatchObject({ scope: 'total' });
    expect(s.usage.files).toBe(5);
  });

  it('counts files staged before a restart against the total', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'staged-'));
    await new StagedFileStore(dir, quotas).put(Buffer.alloc(90 * 1024, 1));
    const restarted = new StagedFileStore(dir, quotas);
    await expect(restarted.put(Buffer.alloc(20 * 1024, 1))).rejects.toMatchObject({ scope: 'total' });
  });

  it('sweeps unclaimed files within minutes and keeps claimed ones until their longer limit', async () => {
    const s = await store();
    const unclaimed = await s.put(Buffer.from('nadie lo pidió'));
    const claimed = await s.put(Buffer.from('soporte aceptado'));
    await s.claim(claimed.id);
    const quarterHourAgo = new Date(Date.now() - 15 * 60_000);
    for (const id of [unclaimed.id, claimed.id]) await utimes(path.join(dir, id), quarterHourAgo, quarterHourAgo);
    expect(await s.sweep(new Date(), 10 * 60_000, 24 * 3600_000)).toBe(1);
    expect(await s.stat(unclaimed.id)).toBeUndefined();
    expect(await s.stat(claimed.id)).toMatchObject({ claimed: true });
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await utimes(path.join(dir, claimed.id), dayAgo, dayAgo);
    expect(await s.sweep(new Date(), 10 * 60_000, 24 * 3600_000)).toBe(1);
    expect(s.usage).toEqual({ bytes: 0, files: 0 });
  });
});
