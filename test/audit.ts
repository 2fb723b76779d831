import { asc } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";

export type AuditRowSeen = typeof auditLog.$inferSelect;

/** Watches one test database's audit trail: what a call wrote, whether it succeeded or threw. */
export function auditProbe(db: () => Db) {
  /** The audit rows `fn` wrote, oldest first. Its error, if any, is swallowed: check it in `fn`. */
  async function rowsWritten(fn: () => Promise<unknown>): Promise<AuditRowSeen[]> {
    const before = new Set((await db().select({ id: auditLog.id }).from(auditLog)).map((r) => r.id));
    await fn().catch(() => undefined);
    const after = await db().select().from(auditLog).orderBy(asc(auditLog.at), asc(auditLog.id));
    return after.filter((r) => !before.has(r.id));
  }

  /** `fn` wrote exactly one row: by this actor, of this action, on this target (the id read afterwards). */
  async function expectOneRow(
    fn: () => Promise<unknown>,
    who: UserActor,
    action: string,
    target: { type: string; id: () => string },
  ): Promise<AuditRowSeen> {
    const rows = await rowsWritten(fn);
    expect(rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId])).toEqual([
      [who.id, action, target.type, target.id()],
    ]);
    return rows[0]!;
  }

  /** The rows as [actor, action, target type, target id, detail], for one `toEqual`. */
  const summary = (rows: AuditRowSeen[]) =>
    rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId, r.detail]);

  return { rowsWritten, expectOneRow, summary };
}
