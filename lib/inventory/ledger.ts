import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { stockLevels, stockMovements, users, variants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Id, Page, PageSize } from "@/lib/validation";
import { loadOperatedLocation } from "./location-access";
import { ledgerDrift } from "./queries";

export const MovementsQuery = z.object({ variantId: Id.optional(), page: Page, pageSize: PageSize });

export type Movement = {
  at: string;
  kind: string;
  variantId: string;
  sku: string;
  onHandDelta: number;
  reservedDelta: number;
  refType: string;
  refId: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
};

/**
 * GET /api/locations/{id}/movements: the ledger rows that explain a location's levels, newest first,
 * for its operator and marketing. Who, when, what document, why.
 */
export async function locationMovements(
  db: Db | Tx,
  actor: Actor | null,
  rawId: unknown,
  raw: unknown,
): Promise<{ items: Movement[]; total: number }> {
  const { location } = await loadOperatedLocation(db, actor, rawId, "stock:view:own-location", {
    orNetwork: true,
  });
  const input = MovementsQuery.parse(raw);
  const where = and(
    eq(stockMovements.locationId, location.id),
    input.variantId ? eq(stockMovements.variantId, input.variantId) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        at: stockMovements.createdAt,
        kind: stockMovements.kind,
        variantId: stockMovements.variantId,
        sku: variants.sku,
        onHandDelta: stockMovements.onHandDelta,
        reservedDelta: stockMovements.reservedDelta,
        refType: stockMovements.refType,
        refId: stockMovements.refId,
        actorId: stockMovements.actorUserId,
        actorName: users.name,
        note: stockMovements.note,
      })
      .from(stockMovements)
      .innerJoin(variants, eq(variants.id, stockMovements.variantId))
      .leftJoin(users, eq(users.id, stockMovements.actorUserId))
      .where(where)
      .orderBy(desc(stockMovements.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(stockMovements)
      .where(where),
  ]);
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total: counted?.n ?? 0 };
}

/** GET /api/ledger/check (marketing): every level recomputed from the ledger; `drift` lists what disagrees. */
export async function checkLedger(db: Db | Tx, actor: Actor | null) {
  requireUser(actor, "network:dashboard");
  const [[counted], found] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(stockLevels),
    ledgerDrift(db),
  ]);
  // Names for the rows that drift (there are none when the ledger holds), so a reader can find them.
  const skus = found.length
    ? await db
        .select({ id: variants.id, sku: variants.sku })
        .from(variants)
        .where(inArray(variants.id, [...new Set(found.map((d) => d.variantId))]))
    : [];
  const drift = found.map((d) => ({ ...d, sku: skus.find((v) => v.id === d.variantId)?.sku ?? null }));
  return { levels: counted?.n ?? 0, drift, checkedAt: new Date().toISOString() };
}
