// The address of the client a request comes from, for every per-address limit. Behind a proxy (production
// needs an https PUBLIC_URL, so there usually is one) the socket address is the proxy's: keying limits on it
// would put every user in one bucket, so one stranger's bad logins would slow everyone. X-Forwarded-For is
// believed only as far as TRUST_PROXY says; anything a client writes there beyond the trusted hops is ignored,
// otherwise a client could pick a fresh address for every attempt.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Request } from 'restify';
import type { TrustProxy } from '../config';

export type ClientAddressFn = (req: Request | IncomingMessage) => string;

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) → "10.0.0.1"; an unknown socket → "unknown". */
function normalize(address: string | undefined): string {
  if (!address) return 'unknown';
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

/** X-Forwarded-For entries, nearest proxy last; junk entries end the list where they appear. */
function forwardedChain(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  // A client could send a huge header: only the last few entries can ever be trusted anyway.
  return text.split(',').slice(-20).map((entry) => normalize(entry));
}

function socketOf(req: Request | IncomingMessage): IncomingMessage {
  return req as IncomingMessage;
}

export function createClientAddress(trust: TrustProxy): ClientAddressFn {
  if (trust.kind === 'none') return (req) => normalize(socketOf(req).socket?.remoteAddress);

  if (trust.kind === 'hops') {
    return (req) => {
      const incoming = socketOf(req);
      // [socket, nearest forwarded, …, farthest]: the client is `hops` steps back from the socket.
      const chain = [normalize(incoming.socket?.remoteAddress), ...forwardedChain(incoming).reverse()];
      let index = 0;
      while (index < trust.hops && index + 1 < chain.length && isIP(chain[index + 1]!) !== 0) index += 1;
      return chain[index]!;
    };
  }

  const trusted = new BlockList();
  for (const entry of trust.addresses) {
    const [ip, bits] = entry.split('/');
    const family = isIP(ip!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(normalize(ip), family);
    else trusted.addSubnet(normalize(ip), Number(bits), family);
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (req) => {
    const incoming = socketOf(req);
    let client = normalize(incoming.socket?.remoteAddress);
    // Walk back from the socket while the hop we stand on is one of our proxies.
    for (const previous of forwardedChain(incoming).reverse()) {
      if (!isTrusted(client) || isIP(previous) === 0) break;
      client = previous;
    }
    return client;
  };
}

let configured: ClientAddressFn = createClientAddress({ kind: 'none' });

/** Set once when the app is built (from TRUST_PROXY); until then only the socket address is believed. */
export function configureClientAddress(trust: TrustProxy): void {
  configured = createClientAddress(trust);
}

/** The client's address for per-address limits, as TRUST_PROXY allows it to be known. */
export function clientAddress(req: Request | IncomingMessage): string {
  return configured(req);
}
