// What an integration API key may do. Each endpoint names one scope; a key holds any subset.
export const API_SCOPES = ['requests:read', 'requests:decide', 'pqrds:read', 'pqrds:answer', 'affiliates:write'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** "requests:read, pqrds:read" → the scopes, or the first unknown word. */
export function parseScopes(list: string): { ok: true; scopes: ApiScope[] } | { ok: false; unknown: string } {
  const words = list
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  for (const word of words) if (!isApiScope(word)) return { ok: false, unknown: word };
  return { ok: true, scopes: [...new Set(words as ApiScope[])] };
}
