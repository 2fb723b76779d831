import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { auditProbe } from "@/test/audit";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { demoIds } from "@/test/orders-fixtures";
import { auditRefs, recordAudit, type AuditItem } from "./audit";

const t = setupTestDb();
const { rowsWritten, summary } = auditProbe(() => t.db);
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let marketing: UserActor;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  marketing = await actorFor(t.db, "marketing@demo.test");
});

describe("recordAudit", () => {
  it("recordAudit writes nothing of its own outside the transaction it is given", async () => {
    const rows = await rowsWritten(() =>
      run(async (tx) => {
        await recordAudit(tx, marketing, {
          action: "transfer.approve",
          targetType: "transfer",
          targetId: "x",
        });
        tx.rollback();
      }),
    );
    expect(rows).toEqual([]);
  });

  it("writes who, what, which thing and the detail; the worker's rows have no actor", async () => {
    const rows = await rowsWritten(() =>
      run(async (tx) => {
        await recordAudit(tx, marketing, {
          action: "transfer.ship",
          targetType: "transfer",
          targetId: "t-1",
          detail: { from: "approved", to: "in_transit" },
        });
        await recordAudit(
          tx,
          { kind: "system", id: null, role: "system", organisationId: null },
          { action: "refund", targetType: "reservable", targetId: "r-1" },
        );
      }),
    );
    expect(summary(rows)).toEqual([
      [marketing.id, "transfer.ship", "transfer", "t-1", { from: "approved", to: "in_transit" }],
      [null, "refund", "reservable", "r-1", {}],
    ]);
  });

  it("records a cancel's refund as a second row on the same target, only when something was refunded", async () => {
    const cancel = { action: "seller_order.cancel", targetType: "seller_order", targetId: "so-1" } as const;
    const none = await rowsWritten(() =>
      run((tx) => recordAudit(tx, marketing, { ...cancel, refund: { amount: 0 } })),
    );
    expect(summary(none)).toEqual([[marketing.id, "seller_order.cancel", "seller_order", "so-1", {}]]);
    const rows = await rowsWritten(() =>
      run((tx) =>
        recordAudit(tx, marketing, {
          ...cancel,
          detail: { reason: "r" },
          refund: { amount: 5_000, detail: { orderId: "o-1" } },
        }),
      ),
    );
    expect(summary(rows)).toEqual([
      [marketing.id, "seller_order.cancel", "seller_order", "so-1", { reason: "r" }],
      [marketing.id, "refund", "seller_order", "so-1", { orderId: "o-1", amount: 5_000 }],
    ]);
  });
});

describe("auditRefs", () => {
  it("names the locations, products and variants a page of rows refers to, ignoring ids that are not UUIDs", async () => {
    const item = (over: Partial<AuditItem>): AuditItem => ({
      id: "x",
      at: "",
      actorId: null,
      actorName: null,
      action: "transfer.request",
      targetType: "transfer",
      targetId: "not-a-uuid",
      detail: {},
      ...over,
    });
    const phone = ids.variant("SM-S931N-1-1");
    const refs = await auditRefs(t.db, [
      item({
        detail: {
          fromLocationId: ids.loc("LC-ICHEON"),
          toLocationId: ids.loc("HUB-GANGNAM"),
          items: [{ variantId: phone, quantity: 1 }],
        },
      }),
      item({
        action: "stock.adjust",
        targetType: "location",
        targetId: ids.loc("HUB-BUNDANG"),
        detail: { variantId: "nope" },
      }),
    ]);
    expect(Object.keys(refs.locations).sort()).toEqual(
      [ids.loc("HUB-BUNDANG"), ids.loc("HUB-GANGNAM"), ids.loc("LC-ICHEON")].sort(),
    );
    expect(refs.locations[ids.loc("HUB-GANGNAM")]).toEqual({
      name: "강남역 대리점 HUB",
      nameEn: "Gangnam Station Dealer HUB",
    });
    expect(refs.skus).toEqual({ [phone]: "SM-S931N-1-1" });
    expect(refs.products).toEqual({});
    expect(await auditRefs(t.db, [])).toEqual({ locations: {}, products: {}, skus: {} });
  });
});
