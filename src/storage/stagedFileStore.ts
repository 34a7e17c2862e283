// Files users send arrive here first: channels stream the bytes in with the size limit enforced while
// reading (a 2 GB upload never reaches memory or disk past the limit). Dialogs then inspect the staged
// bytes; accepted supports are moved under UPLOAD_DIR by the service that files the request.
// Quotas bound what strangers can park here: bytes per owner (a conversation, a client address) and in
// total, counted while streaming. A file nobody claimed (no dialog accepted it, no agent was sent it) is
// swept within minutes; claimed ones wait for the conversation to finish, up to a day.
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
  /** Set once a dialog accepted the file or it went to an agent (see claim). */
  claimed?: boolean;
}

export interface StagedQuotas {
  /** Bytes all staged files may take together. */
  maxTotalBytes: number;
  /** How many staged files may exist at once (many tiny files cost inodes and metadata). */
  maxFiles: number;
  /** Bytes one owner (a conversation, a client address) may have staged at once. */
  maxBytesPerOwner: number;
}

export const DEFAULT_STAGED_QUOTAS: StagedQuotas = {
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxFiles: 2000,
  // Ten supports of a request (the most a request takes) at a typical couple of MB each, with room to spare.
  maxBytesPerOwner: 60 * 1024 * 1024,
};

/** Which quota a put ran into: an owner's share (that client should wait) or the whole store's. */
export class StagedQuotaError extends Error {
  constructor(public readonly scope: 'owner' | 'total') {
    super(`staged files quota exceeded (${scope})`);
    this.name = 'StagedQuotaError';
  }
}

interface Tracked {
  size: number;
  owners: string[];
}

export class FileTooLargeError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class StagedFileStore {
  private readonly tracked = new Map<string, Tracked>();
  private readonly ownerBytes = new Map<string, number>();
  private totalBytes = 0;
  private counted?: Promise<void>;

  constructor(
    private readonly dir: string,
    private readonly quotas: StagedQuotas = DEFAULT_STAGED_QUOTAS,
  ) {}

  /** Bytes and files staged now, as the quotas count them. */
  get usage(): { bytes: number; files: number } {
    return { bytes: this.totalBytes, files: this.tracked.size };
  }

  /** Bytes one owner has staged now. */
  bytesOf(owner: string): number {
    return this.ownerBytes.get(owner) ?? 0;
  }

  /**
   * Streams bytes in, refusing past maxBytes or past a quota (of each owner, and of the store); returns
   * the staged id, size and SHA-256.
   */
  async put(
    source: Readable | Buffer,
    meta: { maxBytes?: number; declaredType?: string; declaredName?: string; owners?: string[] } = {},
  ): Promise<StagedFileInfo> {
    const maxBytes = meta.maxBytes ?? MAX_UPLOAD_BYTES;
    const owners = meta.owners ?? [];
    // A stream that fails while we create the folder would emit 'error' with no listener and crash the
    // process: hold the error until the pipeline is attached, then let the pipeline report it.
    let earlyError: Error | undefined;
    const holdError = (error: Error) => (earlyError ??= error);
    if (!Buffer.isBuffer(source)) source.on('error', holdError);
    await this.countExisting();
    if (this.tracked.size >= this.quotas.maxFiles) {
      if (!Buffer.isBuffer(source)) {
        source.off('error', holdError);
        source.resume();
      }
      throw new StagedQuotaError('total');
    }
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
    // Counted as it arrives, so two uploads streaming at once cannot both slip under a quota.
    const entry: Tracked = { size: 0, owners };
    this.tracked.set(id, entry);
    const limiter = new MeteredStream(
      maxBytes,
      () => new FileTooLargeError(maxBytes),
      (bytes) => {
        const exceeded = this.grow(entry, bytes);
        return exceeded && new StagedQuotaError(exceeded);
      },
    );
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    const output = createWriteStream(target, { mode: 0o600 });
    try {
      await pipeline(input, limiter, output);
    } catch (error) {
      this.forget(id);
      // A refusal can come before the file is even open: wait for the stream to close, or the file
      // would appear after the rm below and stay behind.
      if (!output.closed) await new Promise<void>((resolve) => output.once('close', () => resolve()));
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
    const previous = await this.stat(id);
    const fresh = await this.put(bytes, { maxBytes: Number.POSITIVE_INFINITY, ...meta });
    await rename(this.pathOf(fresh.id), this.pathOf(id));
    this.forget(id);
    const entry = this.tracked.get(fresh.id);
    this.tracked.delete(fresh.id);
    if (entry) this.tracked.set(id, entry);
    const info: StagedFileInfo = { ...fresh, id, claimed: previous?.claimed };
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
    this.forget(id);
    await rm(this.pathOf(id), { force: true });
    await rm(`${this.pathOf(id)}.json`, { force: true });
  }

  /**
   * Marks a file as wanted (a dialog accepted it, an agent was sent it): the quick sweep of unclaimed
   * files leaves it alone. The mark is on disk, so it survives a restart.
   */
  async claim(id: string): Promise<void> {
    if (!isStagedId(id)) return;
    const info = await this.stat(id);
    if (!info || info.claimed) return;
    await writeFile(`${this.pathOf(id)}.json`, JSON.stringify({ ...info, claimed: true }), { mode: 0o600 });
  }

  /**
   * Deletes unclaimed staged files older than maxAgeMs, and claimed ones older than claimedMaxAgeMs: files
   * nobody asked for go within minutes, and files of conversations that stopped mid-flow (nobody typed
   * "listo" or "cancelar") do not stay on disk either. Returns how many files were removed.
   */
  async sweep(now: Date, maxAgeMs: number, claimedMaxAgeMs = maxAgeMs): Promise<number> {
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
      if (!info) continue;
      const age = now.getTime() - info.mtimeMs;
      if (age < maxAgeMs) continue;
      if (age >= claimedMaxAgeMs || !(await this.stat(name))?.claimed) {
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

  /** Adds bytes to a file being written; names the quota it would break (then nothing is added). */
  private grow(entry: Tracked, bytes: number): 'owner' | 'total' | undefined {
    if (this.totalBytes + bytes > this.quotas.maxTotalBytes) return 'total';
    if (entry.owners.some((owner) => this.bytesOf(owner) + bytes > this.quotas.maxBytesPerOwner)) return 'owner';
    entry.size += bytes;
    this.totalBytes += bytes;
    for (const owner of entry.owners) this.ownerBytes.set(owner, this.bytesOf(owner) + bytes);
    return undefined;
  }

  private forget(id: string): void {
    const entry = this.tracked.get(id);
    if (!entry) return;
    this.tracked.delete(id);
    this.totalBytes -= entry.size;
    for (const owner of entry.owners) {
      const left = this.bytesOf(owner) - entry.size;
      if (left > 0) this.ownerBytes.set(owner, left);
      else this.ownerBytes.delete(owner);
    }
  }

  /** Files staged before this process started count against the total quota too (their owners are unknown). */
  private countExisting(): Promise<void> {
    this.counted ??= (async () => {
      const names = await readdir(this.dir).catch(() => [] as string[]);
      for (const name of names) {
        if (!isStagedId(name) || this.tracked.has(name)) continue;
        const info = await stat(this.pathOf(name)).catch(() => undefined);
        if (!info) continue;
        this.tracked.set(name, { size: info.size, owners: [] });
        this.totalBytes += info.size;
      }
    })();
    return this.counted;
  }
}

/** Ids are UUIDs we generated: anything else (a path, "..") is refused. */
function isStagedId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}
