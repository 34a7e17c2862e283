// Accepted supports leave the staging area for UPLOAD_DIR under a generated name (never the user's),
// hashed while copying so the stored size and SHA-256 describe the bytes actually kept.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MeteredStream } from '../io/boundedStream';
import { StagedFiles } from './ports';

export interface StoredSupport {
  storedName: string;
  sizeBytes: number;
  sha256: string;
}

export class SupportFileStore {
  constructor(private readonly uploadDir: string) {}

  /** Copies a staged file under a fresh name; the staged copy stays until the filing is committed. */
  async keep(staged: Pick<StagedFiles, 'open'>, stagedId: string): Promise<StoredSupport> {
    await mkdir(this.uploadDir, { recursive: true, mode: 0o700 });
    const storedName = `${randomUUID()}.pdf`;
    const target = this.pathOf(storedName);
    const counter = new MeteredStream();
    try {
      await pipeline(staged.open(stagedId), counter, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
    return { storedName, sizeBytes: counter.size, sha256: counter.digest().toString('hex') };
  }

  /** Removes copies that did not end up in a filing (a concurrent duplicate, a failed transaction). */
  async discard(storedNames: string[]): Promise<void> {
    await Promise.all(storedNames.map((name) => rm(this.pathOf(name), { force: true })));
  }

  pathOf(storedName: string): string {
    // Stored names are ours (uuid.pdf); basename guards against anything else reaching the file system.
    return path.join(this.uploadDir, path.basename(storedName));
  }
}
