import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { id, now, timestamps, ref, transition } from "./columns";
import { variants } from "./catalog";
import { organisations, users } from "./identity";

export const locationKind = pgEnum("location_kind", [
  "logistics_center",
  "org_hub",
  "dealer_hub",
  "seller_warehouse",
]);

export const regions = [
  "seoul",
  "gyeonggi",
  "incheon",
  "gangwon",
  "chungcheong",
  "daejeon",
  "jeolla",
  "gwangju",
  "gyeongsang",
  "daegu",
  "busan",
  "ulsan",
  "jeju",
] as const;
export const region = pgEnum("region", regions);

export const locations = pgTable(
  "locations",
  {
    id: id(),
    code: text().notNull().unique(),
    kind: locationKind().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
    region: region().notNull(),
    address: text().notNull(),
    /** The organisation that runs it: marketing for centers and org hubs, a dealer, or a seller. */
    operatorId: ref(() => organisations.id),
    createdAt: now(),
  },
  (t) => [index().on(t.kind), index().on(t.operatorId)],
);

/**
 * One row per variant per location. `available` is derived (on_hand - reserved) and never stored,
 * so it cannot drift. The CHECKs make a lost update or a bad decrement fail instead of going negative.
 */
export const stockLevels = pgTable(
  "stock_levels",
  {
    locationId: ref(() => locations.id),
    variantId: ref(() => variants.id, "cascade"),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    updatedAt: now(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.variantId] }),
    index().on(t.variantId),
    check("stock_on_hand_nonneg", sql`${t.onHand} >= 0`),
    check("stock_reserved_nonneg", sql`${t.reserved} >= 0`),
    check("stock_reserved_le_on_hand", sql`${t.reserved} <= ${t.onHand}`),
  ],
);

export const movementKind = pgEnum("movement_kind", [
  "initial",
  "adjustment",
  "order_reserve",
  "order_release",
  "order_ship",
  "transfer_reserve",
  "transfer_release",
  "transfer_out",
  "transfer_in",
  /** An in-transit transfer cancelled: the shipped quantity back on the source's on hand. */
  "transfer_return",
  "receipt",
  "write_off",
]);

/**
 * The stock ledger: every change of a level is one row here, written in the same transaction, so that
 * for every (location, variant): on_hand = Σ on_hand_delta and reserved = Σ reserved_delta.
 */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    locationId: ref(() => locations.id),
    variantId: ref(() => variants.id, "cascade"),
    kind: movementKind().notNull(),
    onHandDelta: integer().notNull().default(0),
    reservedDelta: integer().notNull().default(0),
    /** What caused it: `order`, `seller_order`, `transfer`, `seed`… and that thing's id. */
    refType: text().notNull(),
    refId: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    note: text(),
    createdAt: now(),
  },
  (t) => [index().on(t.locationId, t.variantId), index().on(t.refType, t.refId)],
);

export const transferStatus = pgEnum("transfer_status", [
  "requested",
  "approved",
  "rejected",
  "in_transit",
  "received",
  "cancelled",
]);

/** A replenishment (center → hub) or a hub-to-hub transfer. */
export const transfers = pgTable(
  "transfers",
  {
    id: id(),
    fromLocationId: ref(() => locations.id),
    toLocationId: ref(() => locations.id),
    status: transferStatus().notNull().default("requested"),
    note: text(),
    reason: text(),
    requestedBy: ref(() => users.id),
    ...timestamps(),
  },
  (t) => [
    index().on(t.fromLocationId, t.status),
    index().on(t.toLocationId, t.status),
    check("transfers_distinct_ends", sql`${t.fromLocationId} <> ${t.toLocationId}`),
  ],
);

export const transferItems = pgTable(
  "transfer_items",
  {
    transferId: ref(() => transfers.id, "cascade"),
    variantId: ref(() => variants.id),
    quantity: integer().notNull(),
    shipped: integer().notNull().default(0),
    received: integer().notNull().default(0),
    /** For a transfer cancelled in transit: what became of the shipped quantity, and why. */
    disposition: text({ enum: ["return", "write_off"] }),
    dispositionReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.transferId, t.variantId] }),
    check(
      "transfer_items_disposition",
      sql`${t.disposition} is null or ${t.disposition} in ('return', 'write_off')`,
    ),
    check("transfer_items_quantity", sql`${t.quantity} between 1 and 1000`),
    check("transfer_items_shipped", sql`${t.shipped} between 0 and ${t.quantity}`),
    check("transfer_items_received", sql`${t.received} between 0 and ${t.shipped}`),
  ],
);

export const transferEvents = pgTable(
  "transfer_events",
  {
    id: id(),
    transferId: ref(() => transfers.id, "cascade"),
    ...transition(transferStatus, () => users.id),
    createdAt: now(),
  },
  (t) => [index().on(t.transferId, t.createdAt)],
);

/** Goods arriving from a supplier at a logistics center or a seller's warehouse (one ledger row per line). */
export const stockReceipts = pgTable(
  "stock_receipts",
  {
    id: id(),
    locationId: ref(() => locations.id),
    /** The supplier's delivery note or invoice number. */
    reference: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    createdAt: now(),
  },
  (t) => [index().on(t.locationId, t.createdAt)],
);

export const stockReceiptItems = pgTable(
  "stock_receipt_items",
  {
    receiptId: ref(() => stockReceipts.id, "cascade"),
    variantId: ref(() => variants.id),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.receiptId, t.variantId] }),
    check("stock_receipt_items_quantity", sql`${t.quantity} between 1 and 100000`),
  ],
);

/**
 * The level below which a hub's operator wants a variant replenished (set per variant per location by
 * the location's operator). A level whose available is below it is "low" on the stock page, and the
 * replenishment request is prefilled with what tops it back up.
 */
export const reorderPoints = pgTable(
  "reorder_points",
  {
    locationId: ref(() => locations.id),
    variantId: ref(() => variants.id, "cascade"),
    reorderPoint: integer().notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: now(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.variantId] }),
    check("reorder_point_range", sql`${t.reorderPoint} between 0 and 1000`),
  ],
);
