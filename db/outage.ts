/**
 * The database being away, as an error and as a fact: DatabaseUnavailable is what the client throws
 * when PostgreSQL gives no answer (db/client.ts); isDatabaseUnavailable also recognises the driver's
 * and the server's own ways of saying so. Both doors answer it with 503 `db.unavailable`
 * (lib/http/problem.ts), and scripts/serve.ts turns a page's 500 into a 503 while an outage is on.
 *
 * No imports: scripts/serve.ts and the bundled app each load their own copy of this module, and
 * share the outage mark through globalThis.
 */
export class DatabaseUnavailable extends Error {
  readonly code = "DB_UNAVAILABLE";
  constructor(message = "The database did not answer in time.") {
    super(message);
    this.name = "DatabaseUnavailable";
  }
}

/** postgres-js's own error codes for a connection that could not be made or was lost. */
const DRIVER_CODES = new Set([
  "DB_UNAVAILABLE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs that mean "not now" rather than "never": 08xxx connection exceptions, 57014 a statement
 * cancelled (statement_timeout, or the client's cancel after a stall), 55P03 a lock not had within
 * lock_timeout, 25P03 a transaction ended by idle_in_transaction_session_timeout, 57P01–57P05 the
 * server shutting down, crashed, starting up or recovering, 53300 too many connections.
 */
function transientSqlState(code: string): boolean {
  return (
    code.startsWith("08") ||
    ["57014", "55P03", "25P03", "57P01", "57P02", "57P03", "57P04", "57P05", "53300"].includes(code)
  );
}

/** Whether `error` (or what it wraps: drizzle wraps the driver's error as `cause`) is the database being away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (DRIVER_CODES.has(code) || transientSqlState(code))) return true;
    if (e instanceof DatabaseUnavailable) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const g = globalThis as unknown as { __hubDbOutageAt?: number };

/** Records that this process just saw the database away. */
export function markDatabaseOutage(at = Date.now()): void {
  g.__hubDbOutageAt = at;
}

/** Whether this process saw the database away at or after `since` (ms since the epoch). */
export function databaseOutageSince(since: number): boolean {
  return (g.__hubDbOutageAt ?? 0) >= since;
}
