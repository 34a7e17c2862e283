// What filing an authorization request needs besides the repositories: the staged bytes users sent,
// and a PDF check. Storage and the PDF inspector implement them; tests may pass small fakes.
import type { Readable } from 'node:stream';

/** The part of the staged-file store (src/storage/stagedFileStore.ts) the filing uses. */
export interface StagedFiles {
  stat(id: string): Promise<{ id: string; size: number; sha256: string } | undefined>;
  read(id: string): Promise<Buffer>;
  open(id: string): Readable;
  remove(id: string): Promise<void>;
}
