import { createHash } from "node:crypto";
import { prepared } from "@/db/raw";
import { DomainError } from "@/lib/errors";

/**
 * `Idempotency-Key`: the key row is inserted in the same transaction as what it creates. A concurrent
 * duplicate's insert waits on the primary key until the first commits, then conflicts and finds the first
 * result; if the first rolls back, the duplicate goes ahead. So a key never outlives a failed attempt.
 */

/** Same key, different request: refused, as the IETF Idempotency-Key draft says, with 422. */
export class IdempotencyKeyReused extends DomainError {
  readonly status = 422;
  constructor() {
    super("idempotency.key_reused", "This Idempotency-Key was used for a different request.");
  }
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

export type KeyRef = { userId: string; scope: string; key: string };

const FIND_KEY_SQL = `
  select request_hash as "requestHash", resource_id as "resourceId" from idempotency_keys
  where user_id = $1::uuid and scope = $2::text and key = $3::text`;
const CLAIM_KEY_SQL = `
  insert into idempotency_keys (user_id, scope, key, request_hash, resource_id)
  values ($1::uuid, $2::text, $3::text, $4::text, $5::text)
  on conflict do nothing
  returning 1 as claimed`;

type Conn = Parameters<typeof prepared>[0];

/** The resource a key already produced, or null. Throws IdempotencyKeyReused when the request differs. */
export async function findKey(db: Conn, ref: KeyRef, hash: string): Promise<string | null> {
  const [row] = await prepared<{ requestHash: string; resourceId: string }>(db, FIND_KEY_SQL, [
    ref.userId,
    ref.scope,
    ref.key,
  ]);
  if (!row) return null;
  if (row.requestHash !== hash) throw new IdempotencyKeyReused();
  return row.resourceId;
}

/**
 * Claims the key for `resourceId` in this transaction. Returns null when claimed, or the resource id a
 * committed earlier request produced (after waiting for it, if it was still in flight).
 */
export async function claimKey(
  tx: Conn,
  ref: KeyRef,
  hash: string,
  resourceId: string,
): Promise<string | null> {
  const inserted = await prepared(tx, CLAIM_KEY_SQL, [ref.userId, ref.scope, ref.key, hash, resourceId]);
  if (inserted.length > 0) return null;
  const prior = await findKey(tx, ref, hash);
  if (prior === null) throw new Error("idempotency: the conflicting key vanished"); // cannot happen: keys are never deleted
  return prior;
}
