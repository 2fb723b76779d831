import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { locations, stockLevels, variants } from "@/db/schema";
import { applyStockMoves } from "@/lib/inventory/stock";
import { demoActors } from "@/test/factories";

/** Ids of the demo world by code and SKU, for the orders tests. */
export async function demoIds(db: Db) {
  const locs = await db.select().from(locations);
  const vars = await db.select().from(variants);
  const loc = (code: string) => {
    const l = locs.find((x) => x.code === code);
    if (!l) throw new Error(`no location ${code}`);
    return l.id;
  };
  const variant = (sku: string) => {
    const v = vars.find((x) => x.sku === sku);
    if (!v) throw new Error(`no variant ${sku}`);
    return v.id;
  };
  return { loc, variant, price: (sku: string) => vars.find((x) => x.sku === sku)!.price! };
}

export type DemoIds = Awaited<ReturnType<typeof demoIds>>;

/** Sets a level through the ledger (an adjustment row), so on_hand = Σ deltas keeps holding. */
export async function setStock(db: Db, locationId: string, variantId: string, onHand: number) {
  const [cur] = await db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), eq(stockLevels.variantId, variantId)));
  if (!cur) {
    await db.insert(stockLevels).values({ locationId, variantId, onHand: 0, reserved: 0 });
  }
  await db.transaction((tx) =>
    applyStockMoves(
      tx,
      [
        {
          locationId,
          variantId,
          kind: "adjustment",
          onHandDelta: onHand - (cur?.onHand ?? 0),
          reservedDelta: -(cur?.reserved ?? 0),
          refType: "test",
          refId: "setStock",
        },
      ],
      null,
    ),
  );
}

export async function stockAt(db: Db, locationId: string, variantId: string) {
  const [row] = await db
    .select({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), eq(stockLevels.variantId, variantId)));
  return row ?? { onHand: 0, reserved: 0 };
}

export const address = (region = "gyeonggi") => ({
  name: "김민지",
  phone: "010-1234-5678",
  line1: "경기도 성남시 분당구 서현로 170",
  line2: "101동 1001호",
  postalCode: "13590",
  region,
});

/** The demo world as tests act in it: its ids, and every demo account as an actor by name. */
export async function demoWorld(db: Db) {
  const [ids, actors] = await Promise.all([demoIds(db), demoActors(db)]);
  return { ids, ...actors };
}
