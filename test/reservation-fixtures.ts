import { and, eq, isNull } from "drizzle-orm";
import { POST as reserve } from "@/app/api/reservations/route";
import type { Db } from "@/db/client";
import { reservables } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { call } from "@/test/http";
import { actorFor } from "@/test/factories";

/** A demo pre-order with no per-customer limit: the one the reservation route tests book. */
export async function openPreorder(db: Db) {
  const [r] = await db
    .select()
    .from(reservables)
    .where(and(eq(reservables.kind, "preorder"), isNull(reservables.perCustomerLimit)));
  if (!r) throw new Error("the demo seed has no pre-order without a limit");
  return r;
}

/** The demo staff a customer's reservation route must refuse: a dealer, marketing and a seller. */
export const demoStaff = (db: Db): Promise<UserActor[]> =>
  Promise.all(["dealer@demo.test", "marketing@demo.test", "seller@demo.test"].map((e) => actorFor(db, e)));

/** Books `quantity` of a reservable through the route as `customer`, decided by the worker: its id. */
export async function confirmedReservation(db: Db, customer: UserActor, reservableId: string, quantity = 1) {
  const res = await call(reserve, { as: customer, body: { reservableId, quantity } });
  await settleUntilIdle(db);
  return res.body.id as string;
}
