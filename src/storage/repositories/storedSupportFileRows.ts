// Row mapping shared by every table of kept support files (request attachments, PQRDS attachments):
// one place, so the columns of a stored file cannot drift between them.
import type { StoredSupportFile } from '../../domain/model';
import { fromInstant, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export function storedFileColumns(file: StoredSupportFile): Row {
  return {
    stored_name: file.storedName,
    original_name: file.originalName,
    size_bytes: file.sizeBytes,
    sha256: file.sha256,
    content_type: file.contentType,
    created_at: toInstant(file.createdAt),
    updated_at: toInstant(file.createdAt),
  };
}

export function storedFileFromRow(row: Row): StoredSupportFile {
  return {
    storedName: String(row.stored_name),
    originalName: String(row.original_name),
    sizeBytes: Number(row.size_bytes),
    sha256: String(row.sha256),
    contentType: String(row.content_type),
    createdAt: fromInstant(row.created_at),
  };
}
