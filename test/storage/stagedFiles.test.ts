import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTooLargeError, StagedFileStore } from '../../src/storage/stagedFiles';

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
