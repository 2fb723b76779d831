import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { reservables, reservations, waitlistEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import type { PaymentProvider } from "@/lib/payments/provider";
import { requestRefunds, withRefunds, type RefundIntent } from "@/lib/payments/refund";
import { idOrNotFound } from "@/lib/validation";
import { reservationNotFound } from "./access";
import { notifyChanged } from "./events";
import { addTaken, lockReservable } from "./locked";
import { CancelReservationInput } from "./schemas";
import { offerToWaitlist } from "./waitlist";

/**
 * A customer cancels their reservation before the reservable's cancellation deadline: capacity comes
 * back (and is offered to the waiting list at once), a paid one is refunded, and who and why is
 * recorded. Lock order is the worker's: the reservable row first, then the reservation. The refund is
 * requested in that transaction and made after it commits, never under the hot reservable's lock.
 */
export async function cancelReservation(
  db: Db,
  actor: Actor | null,
  reservationId: string,
  raw: unknown,
  opts: { payments?: PaymentProvider } = {},
) {
  const customer = requireUser(actor, "reservation:cancel:own");
  const id = idOrNotFound(reservationId, reservationNotFound);
  const input = CancelReservationInput.parse(raw);
  const { refunds } = await withRefunds(db, (tx) => cancelLocked(tx, customer.id, id, input.reason), {
    provider: opts.payments,
  });
  return { id, status: "cancelled" as const, refunded: refunds.reduce((n, r) => n + r.amount, 0) };
}

/** The cancellation under the reservable's and the reservation's locks; returns the refund it requested. */
async function cancelLocked(tx: Tx, customerId: string, id: string, asked: string | undefined) {
  const [own] = await tx
    .select({ reservableId: reservations.reservableId })
    .from(reservations)
    .where(and(eq(reservations.id, id), eq(reservations.customerId, customerId)));
  if (!own) throw reservationNotFound();

  const r = (await lockReservable(tx, own.reservableId))!;
  const [row] = await tx.select().from(reservations).where(eq(reservations.id, id)).for("update");
  if (!row || !["pending", "confirmed", "paid"].includes(row.status)) {
    throw new Conflict(
      "reservation.not_cancellable",
      `This reservation cannot be cancelled (it is ${row?.status}).`,
      { reservationStatus: row?.status },
    );
  }
  // A released pre-order is an order now: it is cancelled (and refunded) as the order. Read after the row
  // lock, so a release that committed meanwhile is seen.
  const [ordered] = await tx.execute(sql`select 1 from orders where reservation_id = ${id}`);
  if (ordered) {
    throw new Conflict("reservation.not_cancellable", "This pre-order is an order now: cancel the order.", {
      reservationStatus: row.status,
    });
  }
  const [deadline] = await tx
    .select({ passed: sql<boolean>`${reservables.cancelDeadline} < now()`, at: reservables.cancelDeadline })
    .from(reservables)
    .where(eq(reservables.id, r.id));
  if (deadline!.passed) {
    throw new Conflict("reservation.cancel_deadline_passed", "The deadline for cancelling has passed.", {
      deadline: deadline!.at.toISOString(),
    });
  }

  const reason = asked || "customer_request";
  await tx
    .update(reservations)
    .set({
      status: "cancelled",
      cancelledAt: sql`now()`,
      cancelledBy: customerId,
      cancelReason: reason,
      updatedAt: sql`now()`,
    })
    .where(eq(reservations.id, id));
  let refunds: RefundIntent[] = [];
  if (row.status === "confirmed" || row.status === "paid") {
    await addTaken(tx, r, -row.quantity);
    if (row.waitlistEntryId) {
      await tx
        .update(waitlistEntries)
        .set({ status: "left", updatedAt: sql`now()` })
        .where(eq(waitlistEntries.id, row.waitlistEntryId));
    }
    if (row.status === "paid" && row.paymentId) {
      refunds = await requestRefunds(tx, [
        { paymentId: row.paymentId, refType: "reservation", refId: id, reason, actorUserId: customerId },
      ]);
    }
    await offerToWaitlist(tx, r);
  }
  await notifyChanged(tx, r.id);
  return { refunds };
}
