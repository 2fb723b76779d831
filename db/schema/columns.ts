import { text, timestamp, uuid, type AnyPgColumn, type PgEnum } from "drizzle-orm/pg-core";

/**
 * The column shapes every domain's tables repeat, one definition each. Each is a function, so every
 * table gets its own builder; the names come from the keys (snake_case, drizzle.config.ts), so the
 * generated SQL is the same as writing the columns out.
 */

/** `uuid primary key default gen_random_uuid()`. */
export const id = () => uuid().primaryKey().defaultRandom();

/** A `timestamptz`, nullable until chained. */
export const at = () => timestamp({ withTimezone: true });

/** `timestamptz not null default now()`: `createdAt`, `updatedAt`, `addedAt`. */
export const now = () => at().notNull().defaultNow();

/** `created_at` and `updated_at`, both `not null default now()`. */
export const timestamps = () => ({ createdAt: now(), updatedAt: now() });

/** A required reference: `uuid not null references …`, cascading where the parent owns the row. */
export const ref = (column: () => AnyPgColumn, onDelete?: "cascade") =>
  uuid()
    .notNull()
    .references(column, onDelete ? { onDelete } : {});

/** Who cancelled a document, when and why (an order, a seller order, a reservation). */
export const cancellation = (users: () => AnyPgColumn) => ({
  cancelledAt: at(),
  cancelledBy: uuid().references(users),
  cancelReason: text(),
});

/**
 * The transition of a status event table (product, transfer, seller order): from (null for the first),
 * to, who and why.
 */
export const transition = <T extends [string, ...string[]]>(status: PgEnum<T>, users: () => AnyPgColumn) => ({
  fromStatus: status(),
  toStatus: status().notNull(),
  actorUserId: uuid().references(users),
  reason: text(),
});
