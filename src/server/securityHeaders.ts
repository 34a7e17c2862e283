// Headers every response carries, and the stricter set for HTML pages (CSP). The web chat page needs no
// 'unsafe-eval' and no 'unsafe-inline': Web Chat's bundle is a file of ours and its CSS-in-JS style tags
// carry the per-response nonce we give it. One library inside the bundle (react-scroll-to-bottom) creates
// its <style> without the nonce; it creates it empty and fills it through CSSOM insertRule, which CSP does
// not govern, so allowing exactly the empty stylesheet (its hash) is enough and admits nothing else.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export function setBaseSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PageCspOptions {
  nonce: string;
  /** Origins besides 'self' the page may connect to (the WebSocket origin of PUBLIC_URL). */
  connectOrigins?: string[];
}

/** sha256 of the empty string: an empty <style> element, later filled through CSSOM. */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

export function pageCsp(options: PageCspOptions): string {
  const connect = ["'self'", 'blob:', ...(options.connectOrigins ?? [])].join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${options.nonce}'`,
    `style-src 'self' 'nonce-${options.nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The WebSocket origin (ws:// or wss://) matching an http(s) public URL. */
export function webSocketOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

export function setPageSecurityHeaders(res: ServerResponse, options: PageCspOptions): void {
  setBaseSecurityHeaders(res);
  res.setHeader('Content-Security-Policy', pageCsp(options));
  res.setHeader('Cache-Control', 'no-store');
}
