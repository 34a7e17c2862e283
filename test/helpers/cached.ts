// Generated test files are built once per process: some (15 MB PDFs, 12-megapixel photos) take a moment.
const cache = new Map<string, Promise<Buffer>>();

export function cached(key: string, build: () => Promise<Buffer>): Promise<Buffer> {
  let hit = cache.get(key);
  if (!hit) {
    hit = build();
    cache.set(key, hit);
  }
  return hit;
}
