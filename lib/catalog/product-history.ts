import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { products, productStatusEvents } from "@/db/schema";
import { catalogChanged } from "./cache";
import type { ProductStatus } from "./lifecycle";
import type { ProductSnapshot } from "./product-detail";

/** Moves a product to `to` and appends the step to its history: who, when, from, to, why (and drops it from every instance's read cache). */
export async function recordTransition(
  tx: Tx,
  step: {
    productId: string;
    from: ProductStatus | null;
    to: ProductStatus;
    actorId: string | null;
    reason?: string | null;
    snapshot?: ProductSnapshot;
  },
): Promise<void> {
  await tx
    .update(products)
    .set({ status: step.to, updatedAt: sql`now()` })
    .where(eq(products.id, step.productId));
  await tx.insert(productStatusEvents).values({
    productId: step.productId,
    fromStatus: step.from,
    toStatus: step.to,
    actorUserId: step.actorId,
    reason: step.reason ?? null,
    snapshot: step.snapshot ?? null,
  });
  await catalogChanged(tx, step.productId);
}

/** Any edit of a product's content, options, variants, prices or images marks it changed (and drops it from every instance's read cache). */
export async function touchProduct(tx: Tx, productId: string): Promise<void> {
  await tx
    .update(products)
    .set({ updatedAt: sql`now()` })
    .where(eq(products.id, productId));
  await catalogChanged(tx, productId);
}
