import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { products, reservables, waitlistEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import { reservableNotFound } from "./access";
import { notifyChanged } from "./events";
import { JoinWaitlistInput } from "./schemas";

/**
 * Joins a full reservable's waiting list, in arrival order (seq). No lock is taken: the worker (or a
 * cancellation) offers freed capacity to the line under the reservable's lock, and its sweep catches
 * an entry that joined just as room appeared.
 */
export async function joinWaitlist(tx: Tx, actor: Actor | null, reservableId: string, raw: unknown) {
  const customer = requireUser(actor, "reservation:request");
  const id = idOrNotFound(reservableId, reservableNotFound);
  const input = JoinWaitlistInput.parse(raw);
  const [r] = await tx
    .select({
      id: reservables.id,
      status: reservables.status,
      capacity: reservables.capacity,
      taken: reservables.taken,
      perCustomerLimit: reservables.perCustomerLimit,
      started: sql<boolean>`coalesce(${reservables.startsAt} <= now(), false)`,
      productStatus: products.status,
    })
    .from(reservables)
    .innerJoin(products, eq(products.id, reservables.productId))
    .where(eq(reservables.id, id));
  if (!r || r.productStatus !== "on_sale") throw reservableNotFound();
  if (r.status === "cancelled" || r.started)
    throw new Conflict("waitlist.closed", "The waiting list is closed.");
  if (r.perCustomerLimit !== null && input.quantity > r.perCustomerLimit) {
    throw new Conflict("reservation.over_limit", `At most ${r.perCustomerLimit} per customer.`, {
      limit: r.perCustomerLimit,
    });
  }
  if (r.capacity - r.taken >= input.quantity) {
    throw new Conflict("waitlist.has_room", "There is room: reserve instead.", {
      available: r.capacity - r.taken,
    });
  }
  const [entry] = await tx
    .insert(waitlistEntries)
    .values({ reservableId: id, customerId: customer.id, quantity: input.quantity })
    .onConflictDoNothing()
    .returning({ id: waitlistEntries.id, seq: waitlistEntries.seq });
  if (!entry) throw new Conflict("waitlist.already_waiting", "You are already on this waiting list.");
  const [pos] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.reservableId, id),
        eq(waitlistEntries.status, "waiting"),
        sql`${waitlistEntries.seq} <= ${entry.seq}`,
      ),
    );
  await notifyChanged(tx, id);
  return { id: entry.id, position: pos!.n };
}
