import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, at, now, timestamps, ref, cancellation } from "./columns";
import { products, variants } from "./catalog";
import { users } from "./identity";
import { locations } from "./inventory";
import { payments } from "./payments";

export const reservableKind = pgEnum("reservable_kind", ["slot", "preorder"]);
export const reservableStatus = pgEnum("reservable_status", ["open", "cancelled"]);

/**
 * Something with a capacity: an appointment slot at a hub, or a launch pre-order allocation.
 * `taken` counts confirmed + paid quantity; the CHECK makes overselling impossible whatever the code does.
 */
export const reservables = pgTable(
  "reservables",
  {
    id: id(),
    kind: reservableKind().notNull(),
    productId: ref(() => products.id),
    variantId: ref(() => variants.id),
    locationId: uuid().references(() => locations.id),
    startsAt: at(),
    endsAt: at(),
    /** For pre-orders: when requests start to be accepted. */
    opensAt: at(),
    capacity: integer().notNull(),
    taken: integer().notNull().default(0),
    perCustomerLimit: integer(),
    cancelDeadline: at().notNull(),
    holdMinutes: integer().notNull().default(15),
    status: reservableStatus().notNull().default("open"),
    cancelledReason: text(),
    cancelledAt: at(),
    cancelledBy: uuid().references(() => users.id),
    createdAt: now(),
  },
  (t) => [
    index().on(t.productId),
    index().on(t.locationId, t.startsAt),
    check("reservables_capacity", sql`${t.capacity} >= 0`),
    check("reservables_taken", sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
    check("reservables_limit", sql`${t.perCustomerLimit} is null or ${t.perCustomerLimit} >= 1`),
    check("reservables_hold", sql`${t.holdMinutes} >= 1`),
  ],
);

export const reservationStatus = pgEnum("reservation_status", [
  "pending",
  "confirmed",
  "rejected",
  "paid",
  "cancelled",
  "expired",
]);

export const reservations = pgTable(
  "reservations",
  {
    id: id(),
    /** Arrival order. See docs/decisions for what "arrival" means under concurrent commits. */
    seq: bigserial({ mode: "number" }).notNull().unique(),
    reservableId: ref(() => reservables.id),
    customerId: ref(() => users.id),
    quantity: integer().notNull(),
    status: reservationStatus().notNull().default("pending"),
    reason: text(),
    holdExpiresAt: at(),
    decidedAt: at(),
    paidAt: at(),
    paymentId: uuid().references(() => payments.id),
    ...cancellation(() => users.id),
    waitlistEntryId: uuid(),
    /** A slot appointment as the hub's staff recorded it: the customer came, or did not. */
    attendance: text({ enum: ["checked_in", "no_show"] }),
    attendanceAt: at(),
    attendanceBy: uuid().references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    index("reservations_pending_idx")
      .on(t.reservableId, t.seq)
      .where(sql`${t.status} = 'pending'`),
    index("reservations_hold_idx")
      .on(t.holdExpiresAt)
      .where(sql`${t.status} = 'confirmed'`),
    index().on(t.customerId, t.createdAt),
    index().on(t.reservableId, t.status),
    check("reservations_quantity", sql`${t.quantity} between 1 and 1000`),
    check(
      "reservations_attendance",
      sql`${t.attendance} is null or (${t.attendance} in ('checked_in', 'no_show') and ${t.attendanceAt} is not null)`,
    ),
  ],
);

export const waitlistStatus = pgEnum("waitlist_status", ["waiting", "offered", "left", "closed"]);

export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: id(),
    seq: bigserial({ mode: "number" }).notNull().unique(),
    reservableId: ref(() => reservables.id),
    customerId: ref(() => users.id),
    quantity: integer().notNull().default(1),
    status: waitlistStatus().notNull().default("waiting"),
    ...timestamps(),
  },
  (t) => [
    index("waitlist_waiting_idx")
      .on(t.reservableId, t.seq)
      .where(sql`${t.status} = 'waiting'`),
    // One place in line per customer per reservable.
    uniqueIndex("waitlist_one_per_customer")
      .on(t.reservableId, t.customerId)
      .where(sql`${t.status} = 'waiting'`),
    check("waitlist_quantity", sql`${t.quantity} between 1 and 1000`),
  ],
);

/**
 * One row per running reservation worker (any machine), beaten every few seconds
 * (lib/worker/heartbeat.ts). `/api/health` reads it: pending requests past their grace with no
 * fresh beat mean no worker is deciding (lib/identity/health.ts). A clean stop deletes its row; a
 * killed worker's row goes stale and is swept by the next worker to beat.
 */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  id: text().primaryKey(),
  startedAt: now(),
  beatAt: now(),
});
