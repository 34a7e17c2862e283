// The web chat's download files (src/channels/directline/downloadLinks.ts) in the database, on both
// engines. Each put first clears expired files, then, past the byte budget, the oldest ones: a client
// cannot make the table grow beyond it, however many certificates it asks for.
import type { Knex } from 'knex';
import type { ConversationFile, DownloadFileStore } from '../../channels/directline/downloadLinks';
import { fromCount, fromInstant, toInstant } from '../dialect';

const TABLE = 'directline_files';

export class KnexDownloadFileStore implements DownloadFileStore {
  constructor(
    private readonly db: Knex,
    private readonly maxTotalBytes = 64 * 1024 * 1024,
  ) {}

  async put(id: string, file: ConversationFile, times: { now: Date; expiresAt: Date }): Promise<void> {
    await this.db(TABLE).where('expires_at', '<=', toInstant(times.now)).delete();
    await this.db(TABLE).insert({
      id,
      conversation_id: file.conversationId,
      content_type: file.contentType.slice(0, 100),
      name: file.name.slice(0, 200),
      content: file.bytes,
      size: file.bytes.length,
      created_at: toInstant(times.now),
      expires_at: toInstant(times.expiresAt),
    });
    const row = (await this.db(TABLE).sum({ total: 'size' }).first()) as { total?: unknown } | undefined;
    let excess = fromCount(row?.total) - this.maxTotalBytes;
    if (excess <= 0) return;
    const oldest = (await this.db(TABLE).select('id', 'size').whereNot({ id }).orderBy('created_at', 'asc').limit(500)) as Array<{ id: string; size: unknown }>;
    const victims: string[] = [];
    for (const file of oldest) {
      if (excess <= 0) break;
      victims.push(file.id);
      excess -= fromCount(file.size);
    }
    if (victims.length > 0) await this.db(TABLE).whereIn('id', victims).delete();
  }

  async get(id: string, now: Date): Promise<ConversationFile | undefined> {
    const row = (await this.db(TABLE).select('conversation_id', 'content_type', 'name', 'content', 'expires_at').where({ id }).first()) as
      | { conversation_id: string; content_type: string; name: string; content: Buffer; expires_at: unknown }
      | undefined;
    if (!row || fromInstant(row.expires_at).getTime() <= now.getTime()) return undefined;
    return { conversationId: row.conversation_id, contentType: row.content_type, name: row.name, bytes: Buffer.from(row.content) };
  }
}
