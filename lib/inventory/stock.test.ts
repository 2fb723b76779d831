import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, stockLevels, stockMovements, variants } from "@/db/schema";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { ledgerDrift } from "./queries";
import {
  applyStockMoves,
  compareStockKeys,
  InsufficientStock,
  releaseMove,
  reserveMove,
  shipMove,
} from "./stock";

const t = setupTestDb();
let hub: string;
let v1: string;
let v2: string;

beforeAll(async () => {
  await seedDemo(t.db);
  const [loc] = await t.db.select().from(locations).where(eq(locations.code, "HUB-GANGNAM"));
  hub = loc!.id;
  const vs = await t.db
    .select()
    .from(variants)
    .where(sql`${variants.sku} in ('SM-S931N-1-1', 'SM-S931N-1-2')`);
  [v1, v2] = vs.map((v) => v.id).sort() as [string, string];
});

async function level(variantId: string) {
  const [row] = await t.db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, hub), eq(stockLevels.variantId, variantId)));
  return row!;
}
async function setLevel(variantId: string, onHand: number) {
  // Through the ledger, so the invariant keeps holding.
  const cur = await level(variantId);
  await t.db.transaction((tx) =>
    applyStockMoves(
      tx,
      [
        {
          locationId: hub,
          variantId,
          kind: "adjustment",
          onHandDelta: onHand - cur.onHand,
          reservedDelta: -cur.reserved,
          refType: "test",
          refId: "set",
        },
      ],
      null,
    ),
  );
}

describe("compareStockKeys", () => {
  it("orders by location, then variant", () => {
    const keys = [
      { locationId: "b", variantId: "a" },
      { locationId: "a", variantId: "c" },
      { locationId: "a", variantId: "b" },
    ];
    expect([...keys].sort(compareStockKeys)).toEqual([keys[2], keys[1], keys[0]]);
  });
});

describe("applyStockMoves", () => {
  it("reserves, ships and releases, writing one ledger row per move", async () => {
    await setLevel(v1, 10);
    const k = { locationId: hub, variantId: v1 };
    await t.db.transaction((tx) =>
      applyStockMoves(tx, [reserveMove(k, 4, "order_reserve", "test", "r1")], null),
    );
    expect(await level(v1)).toMatchObject({ onHand: 10, reserved: 4 });
    await t.db.transaction((tx) => applyStockMoves(tx, [shipMove(k, 3, "order_ship", "test", "r1")], null));
    expect(await level(v1)).toMatchObject({ onHand: 7, reserved: 1 });
    await t.db.transaction((tx) =>
      applyStockMoves(tx, [releaseMove(k, 1, "order_release", "test", "r1")], null),
    );
    expect(await level(v1)).toMatchObject({ onHand: 7, reserved: 0 });
    const ledger = await t.db.select().from(stockMovements).where(eq(stockMovements.refId, "r1"));
    expect(ledger.map((l) => [l.kind, l.onHandDelta, l.reservedDelta])).toEqual([
      ["order_reserve", 0, 4],
      ["order_ship", -3, -3],
      ["order_release", 0, -1],
    ]);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("refuses a move that does not fit, naming it, and applies none of the moves", async () => {
    await setLevel(v1, 5);
    await setLevel(v2, 5);
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(stockMovements);
    const err = await t.db
      .transaction((tx) =>
        applyStockMoves(
          tx,
          [
            reserveMove({ locationId: hub, variantId: v1 }, 2, "order_reserve", "test", "x"),
            reserveMove({ locationId: hub, variantId: v2 }, 6, "order_reserve", "test", "x"),
          ],
          null,
        ),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientStock);
    expect((err as InsufficientStock).short).toEqual([
      { locationId: hub, variantId: v2, available: 5, requested: 6 },
    ]);
    expect(await level(v1)).toMatchObject({ onHand: 5, reserved: 0 });
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(stockMovements);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("refuses a single move that does not fit, naming what is available", async () => {
    await setLevel(v1, 3);
    const err = await t.db
      .transaction((tx) =>
        applyStockMoves(
          tx,
          [reserveMove({ locationId: hub, variantId: v1 }, 4, "order_reserve", "test", "one")],
          null,
        ),
      )
      .catch((e: unknown) => e);
    expect((err as InsufficientStock).short).toEqual([
      { locationId: hub, variantId: v1, available: 3, requested: 4 },
    ]);
    expect(await level(v1)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it("treats a variant never stocked at the location as 0 available", async () => {
    const [wh] = await t.db.select().from(locations).where(eq(locations.code, "WH-SMARTHOME"));
    const err = await t.db
      .transaction((tx) =>
        applyStockMoves(
          tx,
          [reserveMove({ locationId: wh!.id, variantId: v1 }, 1, "order_reserve", "test", "y")],
          null,
        ),
      )
      .catch((e: unknown) => e);
    expect((err as InsufficientStock).short).toEqual([
      { locationId: wh!.id, variantId: v1, available: 0, requested: 1 },
    ]);
  });

  it("never deadlocks when transactions touch the same rows in opposite orders", async () => {
    await setLevel(v1, 1000);
    await setLevel(v2, 1000);
    const a = { locationId: hub, variantId: v1 };
    const b = { locationId: hub, variantId: v2 };
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        t.db.transaction(async (tx) => {
          const moves =
            i % 2 === 0
              ? [
                  reserveMove(a, 1, "order_reserve", "test", `d${i}`),
                  reserveMove(b, 1, "order_reserve", "test", `d${i}`),
                ]
              : [
                  reserveMove(b, 1, "order_reserve", "test", `d${i}`),
                  reserveMove(a, 1, "order_reserve", "test", `d${i}`),
                ];
          await applyStockMoves(tx, moves, null);
          // Hold the locks a moment, so the transactions really overlap.
          await tx.execute(sql`select pg_sleep(0.002)`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await level(v1)).toMatchObject({ reserved: 60 });
    expect(await level(v2)).toMatchObject({ reserved: 60 });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("refuses the same key twice in one call (a caller's bug)", async () => {
    const k = { locationId: hub, variantId: v1 };
    await expect(
      t.db.transaction((tx) =>
        applyStockMoves(
          tx,
          [reserveMove(k, 1, "order_reserve", "t", "z"), reserveMove(k, 1, "order_reserve", "t", "z")],
          null,
        ),
      ),
    ).rejects.toThrow(/appears twice/);
  });
});
