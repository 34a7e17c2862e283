// Reading bytes a stranger sends, with the budget enforced while reading: the one way every upload path
// (JSON bodies, multipart parts, files staged to disk, media downloaded from Meta, supports copied to
// UPLOAD_DIR) counts, limits and hashes a stream.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** Reads a whole stream into memory; past `maxBytes` it stops and throws what `tooLarge` makes. */
export async function readBounded(stream: AsyncIterable<Buffer | string>, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * A pass-through that counts and hashes what flows, failing past `maxBytes` (default: no limit), or when
 * `admit` refuses a chunk (a quota shared with other streams).
 */
export class MeteredStream extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly tooLarge: () => Error = () => new Error('stream larger than allowed'),
    private readonly admit?: (bytes: number) => Error | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(this.tooLarge());
    const refused = this.admit?.(chunk.length);
    if (refused) return callback(refused);
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** The SHA-256 of everything that passed; call once, after the stream ended. */
  digest(): Buffer {
    return this.hash.digest();
  }
}
