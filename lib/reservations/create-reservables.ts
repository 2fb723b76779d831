import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, subHours } from "date-fns";
import { and, eq, gte, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { locations, organisations, products, reservables, variants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { TIME_ZONE } from "@/lib/i18n/config";
import { requireStaff } from "./access";
import { notifyChanged } from "./events";
import { CreatePreorderInput, GenerateSlotsInput } from "./schemas";

/** The variant must be of a reservation-type product that is not a draft. */
async function reservationVariant(tx: Tx, variantId: string) {
  const [v] = await tx
    .select({
      id: variants.id,
      productId: products.id,
      sellerId: products.sellerId,
      type: products.type,
      status: products.status,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, variantId));
  if (!v) throw new Invalid({ variantId: "No such variant." });
  if (v.type !== "reservation")
    throw new Invalid({ variantId: "Must be a variant of a reservation product." });
  if (v.status === "draft" || v.status === "in_review" || v.status === "discontinued") {
    throw new Invalid({ variantId: "The product must be approved before it takes reservations." });
  }
  return v;
}

/**
 * Where a pre-order's orders ship from: the retailer's products from a logistics center or a hub, a
 * marketplace seller's from that seller's warehouse.
 */
async function preorderSource(tx: Tx, locationId: string, sellerId: string) {
  const [loc] = await tx
    .select({ kind: locations.kind, operatorId: locations.operatorId, sellerKind: organisations.kind })
    .from(locations)
    .innerJoin(organisations, eq(organisations.id, sellerId))
    .where(eq(locations.id, locationId));
  if (!loc) throw new Invalid({ locationId: "No such location." });
  const ok =
    loc.sellerKind === "retailer"
      ? loc.kind !== "seller_warehouse"
      : loc.kind === "seller_warehouse" && loc.operatorId === sellerId;
  if (!ok)
    throw new Invalid({
      locationId:
        loc.sellerKind === "retailer"
          ? "Must be a logistics center or a HUB."
          : "Must be the seller's own warehouse.",
    });
}

/** A launch pre-order allocation: marketing for any reservation product, a seller for their own. */
export async function createPreorder(tx: Tx, actor: Actor | null, raw: unknown) {
  const staff = requireStaff(actor);
  if (staff.role !== "marketing" && staff.role !== "seller")
    throw new Forbidden("auth.forbidden", "Only marketing and sellers run pre-orders.");
  const input = CreatePreorderInput.parse(raw);
  const v = await reservationVariant(tx, input.variantId);
  if (staff.role === "seller" && v.sellerId !== staff.organisationId)
    throw new Invalid({ variantId: "No such variant." });
  if (input.locationId) await preorderSource(tx, input.locationId, v.sellerId);
  const [r] = await tx
    .insert(reservables)
    .values({
      kind: "preorder",
      productId: v.productId,
      variantId: v.id,
      locationId: input.locationId ?? null,
      opensAt: input.opensAt,
      startsAt: input.launchAt,
      capacity: input.capacity,
      perCustomerLimit: input.perCustomerLimit,
      cancelDeadline: input.cancelDeadline,
      holdMinutes: input.holdMinutes,
    })
    .returning({ id: reservables.id });
  await recordAudit(tx, staff, {
    action: "reservable.create",
    targetType: "reservable",
    targetId: r!.id,
    detail: {
      kind: "preorder",
      variantId: v.id,
      capacity: input.capacity,
      launchAt: input.launchAt,
      ...(input.locationId ? { locationId: input.locationId } : {}),
    },
  });
  await notifyChanged(tx, r!.id);
  return { id: r!.id };
}

const MAX_SLOTS = 2000;

/**
 * Generates appointment slots at one of the actor's hubs: every `slotMinutes` from `dayStart` to
 * `dayEnd` in Seoul time, for `days` days from `fromDate`. Slots already there (same hub, variant and
 * start) and slots in the past are skipped, so generating a week twice creates nothing new.
 */
export async function generateSlots(tx: Tx, actor: Actor | null, raw: unknown) {
  const staff = requireStaff(actor);
  const input = GenerateSlotsInput.parse(raw);
  const [loc] = await tx.select().from(locations).where(eq(locations.id, input.locationId));
  if (!loc || loc.operatorId !== staff.organisationId)
    throw new NotFound("location.not_found", "No such location.");
  if (loc.kind !== "org_hub" && loc.kind !== "dealer_hub")
    throw new Invalid({ locationId: "Slots are held at a HUB." });
  const v = await reservationVariant(tx, input.variantId);

  const [y, m, d] = input.fromDate.split("-").map(Number) as [number, number, number];
  const [sh, sm] = input.dayStart.split(":").map(Number) as [number, number];
  const [eh, em] = input.dayEnd.split(":").map(Number) as [number, number];
  const now = new Date();
  const starts: Date[] = [];
  for (let day = 0; day < input.days; day++) {
    const base = addDays(new TZDate(y, m - 1, d, 0, 0, TIME_ZONE), day);
    const dayStart = new TZDate(base.getFullYear(), base.getMonth(), base.getDate(), sh, sm, TIME_ZONE);
    const dayEnd = new TZDate(base.getFullYear(), base.getMonth(), base.getDate(), eh, em, TIME_ZONE);
    for (let s = dayStart; addMinutes(s, input.slotMinutes) <= dayEnd; s = addMinutes(s, input.slotMinutes)) {
      if (s > now) starts.push(new Date(s.getTime()));
    }
  }
  if (starts.length > MAX_SLOTS)
    throw new Invalid({ days: `That is ${starts.length} slots; at most ${MAX_SLOTS} at once.` });
  if (starts.length === 0) return { created: 0, skipped: 0, ids: [] as string[] };

  const existing = await tx
    .select({ startsAt: reservables.startsAt })
    .from(reservables)
    .where(
      and(
        eq(reservables.locationId, loc.id),
        eq(reservables.variantId, v.id),
        eq(reservables.status, "open"),
        gte(reservables.startsAt, starts[0]!),
        lt(reservables.startsAt, addMinutes(starts[starts.length - 1]!, 1)),
      ),
    );
  const taken = new Set(existing.map((e) => e.startsAt!.getTime()));
  const fresh = starts.filter((s) => !taken.has(s.getTime()));
  const rows = fresh.length
    ? await tx
        .insert(reservables)
        .values(
          fresh.map((s) => ({
            kind: "slot" as const,
            productId: v.productId,
            variantId: v.id,
            locationId: loc.id,
            startsAt: s,
            endsAt: addMinutes(s, input.slotMinutes),
            capacity: input.capacity,
            perCustomerLimit: input.perCustomerLimit,
            cancelDeadline: subHours(s, input.cancelHoursBefore),
            holdMinutes: input.holdMinutes,
          })),
        )
        .returning({ id: reservables.id })
    : [];
  if (rows.length) {
    // A request that made no new slot (all there already, or in the past) changed nothing: no row.
    await recordAudit(tx, staff, {
      action: "reservable.generate_slots",
      targetType: "location",
      targetId: loc.id,
      detail: { variantId: v.id, fromDate: input.fromDate, days: input.days, created: rows.length },
    });
    await notifyChanged(tx, rows[0]!.id); // one wake-up is enough for the staff tables
  }
  return { created: rows.length, skipped: starts.length - fresh.length, ids: rows.map((r) => r.id) };
}
