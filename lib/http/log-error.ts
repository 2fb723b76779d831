import { DrizzleQueryError } from "drizzle-orm/errors";

/** Only the stack's frames: its first lines repeat the message (with drizzle's params). */
const frames = (e: Error) =>
  (e.stack ?? "")
    .split("\n")
    .filter((l) => l.trimStart().startsWith("at "))
    .slice(0, 8)
    .join("\n");

/**
 * An unexpected error as it may be logged: never the SQL parameters (emails, names, addresses, phone
 * numbers, password hashes) that drizzle puts in a failed query's message, nor the row values
 * PostgreSQL echoes in a constraint's `detail`. The query text (placeholders only), the PostgreSQL
 * error code and message, and the stack stay: enough to find the bug.
 */
export function loggable(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    return `Failed query: ${error.query.slice(0, 2000)} (${error.params.length} parameters, not logged)${
      cause ? ` — ${cause.code ?? ""} ${cause.message ?? ""}` : ""
    }\n${frames(error)}`;
  }
  if (error instanceof Error) {
    const pg = error as Error & { code?: string; detail?: string };
    // A PostgresError's detail repeats the values of the row ("Key (email)=(mina@…) already exists").
    return `${error.name}: ${error.message}${pg.code ? ` [${pg.code}]` : ""}\n${frames(error)}`;
  }
  return String(error).slice(0, 500);
}
