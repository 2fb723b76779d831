import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { idempotencyKeys, products, reservables, reservations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict, NotFound } from "@/lib/errors";
import { notifyRequested } from "./events";
import { RequestReservationInput } from "./schemas";

export type RequestedReservation = { id: string; status: string; replayed: boolean };

/**
 * Records a reservation request as `pending` and wakes the worker. It never locks the reservable: on
 * launch day thousands of these run at once on one row, and the decision is the worker's, batched
 * under one lock (decide-batch.ts).
 *
 * Arrival order is `seq`, taken by this INSERT; `created_at` is the clock at that moment (not the
 * transaction start), so the worker's grace window measures from when the number was taken. The
 * caller answers 202 only after this transaction commits. See docs/decisions/0001-reservation-arrival-order.md.
 */
export async function requestReservation(
  tx: Tx,
  actor: Actor | null,
  raw: unknown,
  opts: { idempotencyKey?: string } = {},
): Promise<RequestedReservation> {
  const customer = requireUser(actor, "reservation:request");
  const input = RequestReservationInput.parse(raw);

  const [r] = await tx
    .select({
      id: reservables.id,
      kind: reservables.kind,
      status: reservables.status,
      opensAt: reservables.opensAt,
      startsAt: reservables.startsAt,
      perCustomerLimit: reservables.perCustomerLimit,
      productStatus: products.status,
      now: sql<Date>`now()`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(reservables)
    .innerJoin(products, eq(products.id, reservables.productId))
    .where(eq(reservables.id, input.reservableId));
  if (!r || r.productStatus !== "on_sale") throw new NotFound("reservable.not_found", "No such reservable.");
  if (r.status === "cancelled") throw new Conflict("reservable.cancelled", "This reservation was called off.");
  if (r.opensAt && r.opensAt > r.now) throw new Conflict("reservable.not_open", "Reservations have not opened yet.", { opensAt: r.opensAt.toISOString() });
  if (r.startsAt && r.startsAt <= r.now) throw new Conflict("reservable.closed", "This slot or launch has already started.");
  if (r.perCustomerLimit !== null && input.quantity > r.perCustomerLimit) {
    throw new Conflict("reservation.over_limit", `At most ${r.perCustomerLimit} per customer.`, { limit: r.perCustomerLimit });
  }

  const id = randomUUID();
  if (opts.idempotencyKey !== undefined) {
    const requestHash = createHash("sha256").update(JSON.stringify(input)).digest("hex");
    // A concurrent duplicate waits here on the primary key until the first commits, then finds it.
    const [claimed] = await tx
      .insert(idempotencyKeys)
      .values({ userId: customer.id, scope: "reservation", key: opts.idempotencyKey, requestHash, resourceId: id })
      .onConflictDoNothing()
      .returning({ resourceId: idempotencyKeys.resourceId });
    if (!claimed) {
      const [first] = await tx
        .select({ requestHash: idempotencyKeys.requestHash, id: reservations.id, status: reservations.status })
        .from(idempotencyKeys)
        .innerJoin(reservations, sql`${reservations.id}::text = ${idempotencyKeys.resourceId}`)
        .where(
          and(eq(idempotencyKeys.userId, customer.id), eq(idempotencyKeys.scope, "reservation"), eq(idempotencyKeys.key, opts.idempotencyKey)),
        );
      if (!first) throw new Conflict("idempotency.in_progress", "A request with this Idempotency-Key is still being recorded.");
      if (first.requestHash !== requestHash) {
        throw new Conflict("idempotency.key_reused", "This Idempotency-Key was used for a different request.");
      }
      return { id: first.id, status: first.status, replayed: true };
    }
  }

  if (r.perCustomerLimit !== null) {
    // Not the rule (the worker enforces it under the lock), but a customer who already holds their
    // share hears it now rather than after a trip through the queue.
    const [held] = await tx
      .select({ q: sql<number>`coalesce(sum(${reservations.quantity}), 0)::int` })
      .from(reservations)
      .where(
        and(
          eq(reservations.customerId, customer.id),
          eq(reservations.reservableId, r.id),
          inArray(reservations.status, ["confirmed", "paid"]),
        ),
      );
    if ((held?.q ?? 0) + input.quantity > r.perCustomerLimit) {
      throw new Conflict("reservation.over_limit", `At most ${r.perCustomerLimit} per customer.`, { limit: r.perCustomerLimit });
    }
  }

  await tx.insert(reservations).values({
    id,
    reservableId: r.id,
    customerId: customer.id,
    quantity: input.quantity,
    status: "pending",
    createdAt: sql`clock_timestamp()`,
  });
  await notifyRequested(tx, r.id);
  return { id, status: "pending", replayed: false };
}
