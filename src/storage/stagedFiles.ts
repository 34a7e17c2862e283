// Files users send arrive here first: channels stream the bytes in with the size limit enforced while
// reading (a 2 GB upload never reaches memory or disk past the limit). Dialogs then inspect the staged
// bytes; accepted supports are moved under UPLOAD_DIR by the service that files the request.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MeteredStream } from '../services/io/boundedStream';

export const STAGED_PREFIX = 'staged:';
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export interface StagedFileInfo {
  id: string;
  size: number;
  sha256: string;
  /** Declared by the sender; never trusted for decisions, only shown back. */
  declaredType?: string;
  declaredName?: string;
}

export class FileTooLargeError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class StagedFileStore {
  constructor(private readonly dir: string) {}

  /** Streams bytes in, refusing past maxBytes; returns the staged id, size and SHA-256. */
  async put(
    source: Readable | Buffer,
    meta: { maxBytes?: number; declaredType?: string; declaredName?: string } = {},
  ): Promise<StagedFileInfo> {
    const maxBytes = meta.maxBytes ?? MAX_UPLOAD_BYTES;
    // A stream that fails while we create the folder would emit 'error' with no listener and crash the
    // process: hold the error until the pipeline is attached, then let the pipeline report it.
    let earlyError: Error | undefined;
    const holdError = (error: Error) => (earlyError ??= error);
    if (!Buffer.isBuffer(source)) source.on('error', holdError);
    await mkdir(this.dir, { recursive: true });
    if (!Buffer.isBuffer(source)) {
      source.off('error', holdError);
      if (earlyError) {
        source.destroy();
        throw earlyError;
      }
    }
    const id = randomUUID();
    const target = this.pathOf(id);
    const limiter = new MeteredStream(maxBytes, () => new FileTooLargeError(maxBytes));
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    try {
      await pipeline(input, limiter, createWriteStream(target, { mode: 0o600 }));
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
    const info: StagedFileInfo = {
      id,
      size: limiter.size,
      sha256: limiter.digest().toString('hex'),
      declaredType: meta.declaredType,
      declaredName: meta.declaredName,
    };
    await writeFile(`${target}.json`, JSON.stringify(info), { mode: 0o600 });
    return info;
  }

  /**
   * Puts other bytes under an existing id (a photo replaced by the PDF made from it), so every reference
   * to the upload (the conversation's transcript, the agent console) now reaches the new content.
   */
  async replace(id: string, bytes: Buffer, meta: { declaredType?: string; declaredName?: string } = {}): Promise<StagedFileInfo> {
    if (!isStagedId(id)) throw new Error('invalid staged id');
    const fresh = await this.put(bytes, { maxBytes: Number.POSITIVE_INFINITY, ...meta });
    await rename(this.pathOf(fresh.id), this.pathOf(id));
    const info: StagedFileInfo = { ...fresh, id };
    await writeFile(`${this.pathOf(id)}.json`, JSON.stringify(info), { mode: 0o600 });
    await rm(`${this.pathOf(fresh.id)}.json`, { force: true });
    return info;
  }

  async stat(id: string): Promise<StagedFileInfo | undefined> {
    if (!isStagedId(id)) return undefined;
    try {
      return JSON.parse(await readFile(`${this.pathOf(id)}.json`, 'utf8')) as StagedFileInfo;
    } catch {
      return undefined;
    }
  }

  async read(id: string): Promise<Buffer> {
    if (!isStagedId(id)) throw new Error('invalid staged id');
    return readFile(this.pathOf(id));
  }

  open(id: string): Readable {
    if (!isStagedId(id)) throw new Error('invalid staged id');
    return createReadStream(this.pathOf(id));
  }

  async size(id: string): Promise<number> {
    return (await stat(this.pathOf(id))).size;
  }

  async remove(id: string): Promise<void> {
    if (!isStagedId(id)) return;
    await rm(this.pathOf(id), { force: true });
    await rm(`${this.pathOf(id)}.json`, { force: true });
  }

  /**
   * Deletes staged files older than maxAgeMs: files of conversations that stopped mid-flow (nobody
   * typed "listo" or "cancelar") must not stay on disk. Returns how many files were removed.
   */
  async sweep(now: Date, maxAgeMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!isStagedId(name)) continue;
      const info = await stat(this.pathOf(name)).catch(() => undefined);
      if (info && now.getTime() - info.mtimeMs >= maxAgeMs) {
        await this.remove(name);
        removed++;
      }
    }
    return removed;
  }

  /** The contentUrl a channel puts on the attachment activity. */
  static urlOf(id: string): string {
    return `${STAGED_PREFIX}${id}`;
  }

  static idFromUrl(contentUrl: string | undefined): string | undefined {
    if (!contentUrl?.startsWith(STAGED_PREFIX)) return undefined;
    const id = contentUrl.slice(STAGED_PREFIX.length);
    return isStagedId(id) ? id : undefined;
  }

  private pathOf(id: string): string {
    return path.join(this.dir, id);
  }
}

/** Ids are UUIDs we generated: anything else (a path, "..") is refused. */
function isStagedId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}
