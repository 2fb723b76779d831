import type { Tx } from "@/db/client";
import { stockReceiptItems, stockReceipts } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { Forbidden } from "@/lib/errors";
import { loadOperatedLocation } from "./location-access";
import { applyStockMoves, ensureLevels, type StockMove } from "./stock";
import { ReceiveGoodsInput } from "./stock-ops-schemas";
import { assertStockable } from "./stockable";

export type Receipt = {
  id: string;
  locationId: string;
  reference: string;
  items: { variantId: string; quantity: number }[];
  createdAt: string;
};

/**
 * Goods from a supplier arrive at a logistics center (marketing) or a seller's warehouse (its seller):
 * on hand rises by each line, one ledger row of kind `receipt` per line. Hubs are stocked by transfers.
 */
export async function receiveGoods(
  tx: Tx,
  actor: Actor | null,
  rawLocationId: unknown,
  raw: unknown,
): Promise<Receipt> {
  const { location, user } = await loadOperatedLocation(tx, actor, rawLocationId, "stock:count:own-location");
  const input = ReceiveGoodsInput.parse(raw);
  if (location.kind !== "logistics_center" && location.kind !== "seller_warehouse") {
    throw new Forbidden(
      "stock.receipt_not_here",
      "Supplier deliveries arrive at logistics centers and sellers' warehouses; hubs are stocked by transfers.",
    );
  }
  await assertStockable(
    tx,
    location,
    input.items.map((i) => i.variantId),
    (i) => `items.${i}.variantId`,
  );

  const [receipt] = await tx
    .insert(stockReceipts)
    .values({ locationId: location.id, reference: input.reference, actorUserId: user.id })
    .returning();
  await tx
    .insert(stockReceiptItems)
    .values(
      input.items.map((i) => ({ receiptId: receipt!.id, variantId: i.variantId, quantity: i.quantity })),
    );
  const moves: StockMove[] = input.items.map((i) => ({
    locationId: location.id,
    variantId: i.variantId,
    kind: "receipt",
    onHandDelta: i.quantity,
    reservedDelta: 0,
    refType: "receipt",
    refId: receipt!.id,
    note: input.reference,
  }));
  await recordAudit(tx, user, {
    action: "stock.receive",
    targetType: "location",
    targetId: location.id,
    detail: { receiptId: receipt!.id, reference: input.reference, items: input.items },
  });
  // Last: the stock statement holds the rows' locks until COMMIT (the one lock order of every stock change).
  await ensureLevels(tx, moves);
  await applyStockMoves(tx, moves, user.id);
  return {
    id: receipt!.id,
    locationId: location.id,
    reference: receipt!.reference,
    items: input.items,
    createdAt: receipt!.createdAt.toISOString(),
  };
}
