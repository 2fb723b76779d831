import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { prepared } from "@/db/raw";
import { DomainError } from "@/lib/errors";

/**
 * `Idempotency-Key` for every kind of creation (the API contract): the same key from the same user returns the
 * first result and creates nothing new; the same key with another body is 422, whatever the kind.
 *
 * The key row is inserted in the same transaction as what it creates. A concurrent duplicate's insert
 * waits on the primary key until the first commits, then conflicts and finds the first result; if the
 * first rolls back, the duplicate goes ahead. So a key never outlives a failed attempt.
 *
 * Use: `idempotentRequest(...)` once the body is parsed, then either `findKey` (before doing work
 * outside a transaction) and `claimKey` (inside the creating transaction), or, for a path that must
 * stay one statement, `claimKeySql` inline and `findKey` after it when nothing was claimed.
 */

/** The kinds of creation; a key is one user's within one scope. ("reservation" is singular: keys are stored so.) */
export type IdempotencyScope = "orders" | "reservation" | "transfers" | "products";

/** A request that carries a key: whose, which kind, the key, and the digest of its parsed body. */
export type IdempotentRequest = { userId: string; scope: IdempotencyScope; key: string; hash: string };

/** Same key, different request: refused, as the IETF Idempotency-Key draft says, with 422. */
export class IdempotencyKeyReused extends DomainError<"idempotency.key_reused"> {
  constructor() {
    super("idempotency.key_reused", "This Idempotency-Key was used for a different request.");
  }
}

/** The request to check, or null when it has no key (then nothing is claimed or replayed). */
export function idempotentRequest(
  ref: { userId: string; scope: IdempotencyScope; key: string | undefined },
  parsed: unknown,
): IdempotentRequest | null {
  if (!ref.key) return null;
  return { userId: ref.userId, scope: ref.scope, key: ref.key, hash: requestHash(parsed) };
}

/** A stable digest of the parsed request (so whitespace or key order in the JSON do not matter). */
export function requestHash(parsed: unknown): string {
  return createHash("sha256").update(canonicalJson(parsed)).digest("base64url");
}

function canonicalJson(v: unknown): string {
  if (v === undefined) return "null";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
}

/**
 * The claim, as a fragment a caller may embed as a CTE of its own statement (`k as (${claimKeySql(…)})`):
 * inserts the key for `resourceId` (only when `onlyIf` has a row, e.g. `select 1 from ok`) and returns
 * one row `claimed = true` when this request now owns the key, none when a committed request owns it.
 */
export function claimKeySql(req: IdempotentRequest, resourceId: string, onlyIf?: SQL): SQL {
  return claimKeysSql(
    { userId: req.userId, scope: req.scope, key: req.key, hash: req.hash, resourceId },
    onlyIf ? sql`where exists (${onlyIf})` : sql``,
  );
}

/**
 * The claim of many keys in one statement (a batch of requests): the columns are expressions over the
 * relation `from` names (with its own where and order), one claim per row; it returns `user_id`, `key`
 * and `claimed = true` for each key now owned by this statement's requests. One text for both.
 */
export function claimKeysSql(
  c: { userId: unknown; scope: unknown; key: unknown; hash: unknown; resourceId: unknown },
  from: SQL,
): SQL {
  return sql`insert into idempotency_keys (user_id, scope, key, request_hash, resource_id)
    select ${c.userId}::uuid, ${c.scope}::text, ${c.key}::text, ${c.hash}::text, ${c.resourceId}::text
    ${from}
    on conflict do nothing
    returning user_id, key, true as claimed`;
}

const FIND_KEY_SQL = `
  select request_hash as "requestHash", resource_id as "resourceId" from idempotency_keys
  where user_id = $1::uuid and scope = $2::text and key = $3::text`;

type Conn = Parameters<typeof prepared>[0];

/** The resource a key already produced, or null. Throws IdempotencyKeyReused when the request differs. */
export async function findKey(db: Conn, req: IdempotentRequest): Promise<string | null> {
  const [row] = await prepared<{ requestHash: string; resourceId: string }>(db, FIND_KEY_SQL, [
    req.userId,
    req.scope,
    req.key,
  ]);
  if (!row) return null;
  if (row.requestHash !== req.hash) throw new IdempotencyKeyReused();
  return row.resourceId;
}

const dialect = new PgDialect();

/**
 * Claims the key for `resourceId` in this transaction (a drizzle one, or a raw connection in a
 * pipelined one). Returns null when claimed, or the resource id a committed earlier request produced
 * (after waiting for it, if it was still in flight); throws IdempotencyKeyReused when that request differs.
 */
export async function claimKey(
  conn: Conn,
  req: IdempotentRequest,
  resourceId: string,
): Promise<string | null> {
  const claim = dialect.sqlToQuery(claimKeySql(req, resourceId));
  const inserted = await prepared(conn, claim.sql, claim.params);
  if (inserted.length > 0) return null;
  const prior = await findKey(conn, req);
  if (prior === null) throw new Error("idempotency: the conflicting key vanished"); // cannot happen: keys are never deleted
  return prior;
}
