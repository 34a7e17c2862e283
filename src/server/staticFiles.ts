// Serves the few static assets of the web pages (scripts, styles, the vendored Web Chat bundle) from a
// fixed list of files, never a directory walk, so no request path can reach outside them. Files are read
// once, gzipped once (the Web Chat bundle shrinks from 1.9 MB to ~0.5 MB) and revalidated with an ETag.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { setBaseSecurityHeaders } from './securityHeaders';

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

export function contentTypeOf(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  return CONTENT_TYPES[filePath.slice(dot)] ?? 'application/octet-stream';
}

const cache = new Map<string, CachedFile>();

/** Loads a file (cached until its mtime changes); undefined when it does not exist. */
export async function loadStaticFile(filePath: string): Promise<CachedFile | undefined> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(filePath)).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = cache.get(filePath);
  if (cached && cached.mtimeMs === mtimeMs) return cached;
  const body = await readFile(filePath);
  const entry: CachedFile = {
    mtimeMs,
    body,
    gzipped: gzipSync(body),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
  cache.set(filePath, entry);
  return entry;
}

/** Sends a file with ETag revalidation and gzip when the client accepts it; false when it does not exist. */
export async function sendStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  filePath: string,
  options: { cacheControl?: string } = {},
): Promise<boolean> {
  const file = await loadStaticFile(filePath);
  if (!file) return false;
  setBaseSecurityHeaders(res);
  res.setHeader('Content-Type', contentTypeOf(filePath));
  res.setHeader('Cache-Control', options.cacheControl ?? 'no-cache');
  res.setHeader('ETag', file.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304);
    res.end();
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && file.gzipped.length < file.body.length;
  const body = gzip ? file.gzipped : file.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
