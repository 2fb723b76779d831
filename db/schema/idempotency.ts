import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/**
 * `Idempotency-Key` records of every kind of creation (lib/idempotency.ts). The row is inserted in the
 * same transaction as what it creates, so a concurrent duplicate waits on the primary key and then
 * finds the first result. `scope` says which kind; `resource_id` is what the first request created.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    resourceId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.key] })],
);
