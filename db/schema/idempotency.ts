import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { now, ref } from "./columns";
import { users } from "./identity";

/**
 * `Idempotency-Key` records of every kind of creation (lib/idempotency.ts). The row is inserted in the
 * same transaction as what it creates, so a concurrent duplicate waits on the primary key and then
 * finds the first result. `scope` says which kind; `resource_id` is what the first request created.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: ref(() => users.id, "cascade"),
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    resourceId: text().notNull(),
    createdAt: now(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.key] })],
);
