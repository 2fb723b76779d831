import { and, asc, count, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import {
  locations,
  organisations,
  products,
  transferEvents,
  transferItems,
  transfers,
  users,
  variants,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import {
  isNetwork,
  loadTransferFor,
  mayDo,
  type LocationKindName,
  type TransferAccessRow,
} from "./transfer-access";
import { allowedTransferEvents, type TransferEvent, type TransferStatus } from "./transfer-machine";
import { TransferListQuery } from "./transfer-schemas";

export type TransferLocationRef = {
  id: string;
  code: string;
  kind: LocationKindName;
  name: string;
  nameEn: string;
};
export type TransferView = {
  id: string;
  status: TransferStatus;
  fromLocationId: string;
  toLocationId: string;
  fromLocation: TransferLocationRef;
  toLocation: TransferLocationRef;
  note: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  items: {
    variantId: string;
    sku: string;
    productName: string;
    productNameEn: string;
    quantity: number;
    shipped: number;
    received: number;
    shortfall: number;
    /** Cancelled in transit: returned to the source or written off, and why. */
    disposition: "return" | "write_off" | null;
    dispositionReason: string | null;
  }[];
  events: {
    fromStatus: TransferStatus | null;
    toStatus: TransferStatus;
    at: string;
    actorName: string | null;
    reason: string | null;
  }[];
  /** The steps this actor may take now. */
  actions: TransferEvent[];
};

const fromLoc = alias(locations, "from_loc");
const toLoc = alias(locations, "to_loc");
const requester = alias(users, "requester");

const refOf = (l: typeof locations.$inferSelect): TransferLocationRef => ({
  id: l.id,
  code: l.code,
  kind: l.kind,
  name: l.name,
  nameEn: l.nameEn,
});

/** The transfers' views (in the given order), with items, events and the actor's next steps. */
async function viewsOf(db: Db | Tx, actor: Actor, ids: string[]): Promise<TransferView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ t: transfers, from: fromLoc, to: toLoc, requesterOrgId: requester.organisationId })
    .from(transfers)
    .innerJoin(fromLoc, eq(fromLoc.id, transfers.fromLocationId))
    .innerJoin(toLoc, eq(toLoc.id, transfers.toLocationId))
    .innerJoin(requester, eq(requester.id, transfers.requestedBy))
    .where(inArray(transfers.id, ids));
  const items = await db
    .select({
      transferId: transferItems.transferId,
      variantId: transferItems.variantId,
      sku: variants.sku,
      productName: products.nameKo,
      productNameEn: products.nameEn,
      quantity: transferItems.quantity,
      shipped: transferItems.shipped,
      received: transferItems.received,
      disposition: transferItems.disposition,
      dispositionReason: transferItems.dispositionReason,
    })
    .from(transferItems)
    .innerJoin(variants, eq(variants.id, transferItems.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(inArray(transferItems.transferId, ids))
    .orderBy(asc(variants.sku));
  const events = await db
    .select({ e: transferEvents, actorName: users.name })
    .from(transferEvents)
    .leftJoin(users, eq(users.id, transferEvents.actorUserId))
    .where(inArray(transferEvents.transferId, ids))
    .orderBy(asc(transferEvents.createdAt), asc(transferEvents.id));
  const byId = new Map(rows.map((r) => [r.t.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const access: TransferAccessRow = {
      id,
      status: r.t.status,
      fromLocationId: r.t.fromLocationId,
      toLocationId: r.t.toLocationId,
      fromOperatorId: r.from.operatorId,
      fromKind: r.from.kind,
      toOperatorId: r.to.operatorId,
      toKind: r.to.kind,
      requesterOrgId: r.requesterOrgId,
    };
    return [
      {
        id,
        status: r.t.status,
        fromLocationId: r.t.fromLocationId,
        toLocationId: r.t.toLocationId,
        fromLocation: refOf(r.from),
        toLocation: refOf(r.to),
        note: r.t.note,
        reason: r.t.reason,
        createdAt: r.t.createdAt.toISOString(),
        updatedAt: r.t.updatedAt.toISOString(),
        items: items
          .filter((i) => i.transferId === id)
          .map(({ transferId: _, ...i }) => ({
            ...i,
            shortfall: r.t.status === "received" ? i.shipped - i.received : 0,
          })),
        events: events
          .filter((e) => e.e.transferId === id)
          .map((e) => ({
            fromStatus: e.e.fromStatus,
            toStatus: e.e.toStatus,
            at: e.e.createdAt.toISOString(),
            actorName: e.actorName,
            reason: e.e.reason,
          })),
        actions: allowedTransferEvents(r.t.status).filter((ev) => mayDo(actor, access, ev)),
      },
    ];
  });
}

export async function loadTransferView(db: Db | Tx, actor: Actor, id: string): Promise<TransferView> {
  const [view] = await viewsOf(db, actor, [id]);
  if (!view) throw new Error(`transfer ${id} vanished`);
  return view;
}

/** GET /api/transfers/{id}: for the operators of either end, and marketing. */
export async function getTransfer(db: Db | Tx, actor: Actor | null, rawId: unknown): Promise<TransferView> {
  authorize(actor, "transfer:request");
  const row = await loadTransferFor(db, actor, rawId);
  return loadTransferView(db, actor, row.id);
}

/** GET /api/transfers?status=: the transfers touching the actor's locations (marketing: all), newest first. */
export async function listTransfers(db: Db | Tx, actor: Actor | null, rawQuery: unknown) {
  authorize(actor, "transfer:request");
  const q = TransferListQuery.parse(rawQuery);
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(transfers.status, q.status));
  if (!isNetwork(actor)) {
    const org = actor.organisationId ?? "00000000-0000-0000-0000-000000000000";
    conds.push(or(eq(fromLoc.operatorId, org), eq(toLoc.operatorId, org))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const base = () =>
    db
      .select({ id: transfers.id })
      .from(transfers)
      .innerJoin(fromLoc, eq(fromLoc.id, transfers.fromLocationId))
      .innerJoin(toLoc, eq(toLoc.id, transfers.toLocationId));
  const [{ total }] = (await db
    .select({ total: count() })
    .from(transfers)
    .innerJoin(fromLoc, eq(fromLoc.id, transfers.fromLocationId))
    .innerJoin(toLoc, eq(toLoc.id, transfers.toLocationId))
    .where(where)) as [{ total: number }];
  const page = await base()
    .where(where)
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await viewsOf(
      db,
      actor,
      page.map((p) => p.id),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export type TransferFormOptions = {
  sources: TransferLocationRef[];
  /** The hubs this actor may request into (marketing: every hub). */
  destinations: TransferLocationRef[];
  variants: { id: string; sku: string; productName: string; productNameEn: string }[];
};

/** What the request form offers: sources (centers and hubs), own hubs as destinations, the retailer's stock items. */
export async function transferFormOptions(db: Db | Tx, actor: Actor | null): Promise<TransferFormOptions> {
  authorize(actor, "transfer:request");
  const locs = await db
    .select()
    .from(locations)
    .where(inArray(locations.kind, ["logistics_center", "org_hub", "dealer_hub"]))
    .orderBy(asc(locations.kind), asc(locations.code));
  const network = isNetwork(actor);
  const vars = await db
    .select({
      id: variants.id,
      sku: variants.sku,
      productName: products.nameKo,
      productNameEn: products.nameEn,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(and(eq(products.type, "stock"), eq(organisations.kind, "retailer")))
    .orderBy(asc(products.nameEn), asc(variants.sku));
  return {
    sources: locs.map(refOf),
    destinations: locs
      .filter((l) => l.kind !== "logistics_center" && (network || l.operatorId === actor.organisationId))
      .map(refOf),
    variants: vars,
  };
}
