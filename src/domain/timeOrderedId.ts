// UUIDs of version 7 (RFC 9562): the first 48 bits are the creation time in milliseconds, the other 74 are
// random. Rows created together get ids next to each other, so a bulk insert appends to the id indexes
// instead of touching pages all over them (on SQLite each commit rewrites every page it touched, which made
// random ids most of an import's disk work). Still unguessable; they do tell when the row was created.
import { randomUUID } from 'node:crypto';

export function timeOrderedId(now: number = Date.now()): string {
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0');
  // A version 4 UUID is 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx', all random but the 4 and y's two top bits:
  // its first 48 random bits become the time and the version digit becomes 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
