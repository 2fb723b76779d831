/** Test factories of the reservation domain (used by tests and the benchmark only). */
import { randomUUID } from "node:crypto";
import { addDays, addHours } from "date-fns";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { organisations, products, reservables, reservations, users, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";

export async function makeReservationProduct(db: Db | Tx, opts: { sellerId?: string; price?: number } = {}) {
  let sellerId = opts.sellerId;
  if (!sellerId) {
    const [org] = await db
      .insert(organisations)
      .values({ kind: "retailer", name: "테스트 스토어", nameEn: "Test Store" })
      .returning();
    sellerId = org!.id;
  }
  const [product] = await db
    .insert(products)
    .values({
      sellerId,
      type: "reservation",
      status: "on_sale",
      category: "phone",
      brand: "Test",
      nameKo: "테스트 사전예약",
      nameEn: "Test pre-order",
    })
    .returning();
  const [variant] = await db
    .insert(variants)
    .values({ productId: product!.id, sku: `T-${randomUUID().slice(0, 12)}`, price: opts.price ?? 1_000_000 })
    .returning();
  return { productId: product!.id, variantId: variant!.id, sellerId };
}

export async function makeReservable(
  db: Db | Tx,
  opts: Partial<typeof reservables.$inferInsert> & { productId?: string; variantId?: string } = {},
) {
  const p =
    opts.productId && opts.variantId
      ? { productId: opts.productId, variantId: opts.variantId }
      : await makeReservationProduct(db);
  const launch = addDays(new Date(), 14);
  const [r] = await db
    .insert(reservables)
    .values({
      kind: "preorder",
      opensAt: addHours(new Date(), -1),
      startsAt: launch,
      capacity: 100,
      perCustomerLimit: null,
      cancelDeadline: addHours(launch, -24),
      holdMinutes: 15,
      ...opts,
      productId: p.productId,
      variantId: p.variantId,
    })
    .returning();
  return r!;
}

/** `n` customers, inserted in one statement (placeholder hashes: not for sign-in). */
export async function makeCustomers(db: Db | Tx, n: number): Promise<UserActor[]> {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `c${i}-${randomUUID()}@test.dev`,
        name: `Customer ${i}`,
        role: "customer" as const,
        passwordHash: "scrypt$x",
      })),
    )
    .returning();
  return rows.map((u) => ({
    kind: "user",
    id: u.id,
    email: u.email,
    name: u.name,
    role: "customer",
    organisationId: null,
  }));
}

export async function reservationsOf(db: Db | Tx, reservableId: string) {
  return db
    .select()
    .from(reservations)
    .where(eq(reservations.reservableId, reservableId))
    .orderBy(reservations.seq);
}

export async function reservableRow(db: Db | Tx, id: string) {
  const [r] = await db.select().from(reservables).where(eq(reservables.id, id));
  return r!;
}
