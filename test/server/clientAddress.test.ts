// Which address per-address limits see. Without TRUST_PROXY only the socket counts (a client can write any
// X-Forwarded-For); with it, only the entries our own proxies appended.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy, TrustProxy } from '../../src/config';
import { createClientAddress } from '../../src/server/clientAddress';

function request(socketAddress: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: socketAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

const trust = (value: string) => parseTrustProxy(value) as TrustProxy;

describe('clientAddress', () => {
  it('without TRUST_PROXY is the socket address, whatever X-Forwarded-For says', () => {
    const address = createClientAddress(trust(''));
    expect(address(request('203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9');
    expect(address(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('with a hop count takes the address the trusted proxy appended, not what the client wrote before it', () => {
    const oneHop = createClientAddress(trust('1'));
    expect(oneHop(request('10.0.0.2', '203.0.113.9'))).toBe('203.0.113.9');
    expect(oneHop(request('10.0.0.2', '1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(createClientAddress(trust('2'))(request('10.0.0.2', '1.2.3.4, 203.0.113.9, 10.0.0.1'))).toBe('203.0.113.9');
    // A request that skipped the proxy has no header: it is its own client.
    expect(oneHop(request('198.51.100.7'))).toBe('198.51.100.7');
  });

  it('with proxy addresses walks back only through those proxies', () => {
    const address = createClientAddress(trust('10.0.0.0/8, 192.168.1.5'));
    expect(address(request('10.1.2.3', '1.2.3.4, 203.0.113.9, 192.168.1.5'))).toBe('203.0.113.9');
    // The socket is not one of our proxies: its header is the client's own words.
    expect(address(request('198.51.100.7', '1.2.3.4'))).toBe('198.51.100.7');
    // Junk in the header stops the walk at the last trusted hop's view.
    expect(address(request('10.1.2.3', 'not-an-ip'))).toBe('10.1.2.3');
  });

  it('refuses TRUST_PROXY values that would believe anyone or that are not addresses', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
  });
});
