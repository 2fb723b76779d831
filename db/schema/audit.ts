import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { now } from "./columns";
import { users } from "./identity";

/**
 * The audit trail: one row per staff action, written in the same transaction as the action itself
 * (lib/audit.ts), so a rolled-back action leaves no row. Ids are UUIDv7 made by the app, so rows land
 * in time order at the right edge of the primary key. `actor_id` is null for the worker (`system`).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey(),
    at: now(),
    actorId: uuid().references(() => users.id),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    // Newest first (`order by at desc, id desc`, whose nulls sort first), with the id as tie-break: the
    // whole log, one actor's actions, one kind of action.
    index().on(t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index().on(t.actorId, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index().on(t.action, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);
