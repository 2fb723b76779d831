import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Rate-limit counters (lib/http/rate-limit.ts, fixed windows counted by one prepared statement): one
 * row per key and window, so every app instance counts against the same limit. Rows an hour past
 * their window are deleted by the limiter itself.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  points: integer().notNull().default(0),
  expire: timestamp({ withTimezone: true, mode: "date" }),
});
