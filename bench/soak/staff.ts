/**
 * The soak's staff: marketing (the centers and org hubs, approvals, receipts, audit and KPIs), dealers
 * (their hubs) and marketplace sellers (their warehouse and products). Each works its fulfilment queue
 * (accept, pack, ship, deliver), moves and counts stock, and reads what its role reads.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "../http-client";
import type { Recorder } from "./record";
import { chance, ok, pick, rand, think, type Location, type World } from "./world";

export type Role = "marketing" | "dealer" | "seller";
export type Staff = { c: Client; role: Role; own: Location[] };

type QueueRow = { id: string; next: string[] };
type TransferRow = { id: string; actions: string[] };
type StockRow = { variantId: string; onHand: number; reserved: number };

/** The locations a staff account runs, as its fulfilment queue lists them (not recorded: before the load). */
export async function ownLocations(c: Client): Promise<Location[]> {
  const a = await c.request("GET", "/api/seller-orders?pageSize=1");
  if (a.status !== 200)
    throw new Error(`GET /api/seller-orders answered ${a.status}: ${a.body.slice(0, 200)}`);
  return (JSON.parse(a.body) as { locations: Location[] }).locations;
}

export function staff(s: Staff, rec: Recorder, w: World) {
  let launched = false;
  return async () => {
    if (s.role === "marketing" && !launched) {
      launched = true;
      await launch(s, rec, w);
    }
    const r = Math.random();
    if (r < 0.4) await fulfil(s, rec);
    else if (r < 0.6 && s.role !== "seller") await advanceTransfer(s, rec);
    else if (r < 0.68 && s.role !== "seller") await requestTransfer(s, rec, w);
    else if (r < 0.8) await countOrReceive(s, rec);
    else await read(s, rec);
  };
}

/**
 * A seller order from the queue worked as far as it goes: accept, pack, ship, and half the time
 * deliver, a pause between steps (another account of the organisation may take a step first: 409);
 * now and then a cancel instead.
 */
async function fulfil(s: Staff, rec: Recorder) {
  const status = pick(["confirmed", "confirmed", "accepted", "packed", "shipped"])!;
  const queue = ok<{ items: QueueRow[] }>(
    await rec.call(s.c, "GET /api/seller-orders", "GET", `/api/seller-orders?status=${status}&pageSize=10`),
  );
  const row = pick(queue?.items ?? []);
  if (!row) return;
  await think();
  if (row.next.includes("cancel") && chance(0.05)) {
    await rec.call(
      s.c,
      "POST /api/seller-orders/{id}/cancel",
      "POST",
      `/api/seller-orders/${row.id}/cancel`,
      {
        reason: "Damaged in the warehouse",
      },
    );
    return;
  }
  for (let next: string[] = row.next; ;) {
    const step = next.find((e) => e !== "cancel");
    if (!step || (step === "deliver" && chance(0.5))) return;
    const done = ok<QueueRow>(
      await rec.call(
        s.c,
        `POST /api/seller-orders/{id}/${step}`,
        "POST",
        `/api/seller-orders/${row.id}/${step}`,
        {},
      ),
    );
    if (!done) return;
    next = done.next;
    await think();
  }
}

/** A transfer this account may move on, in any state: approve (now and then reject), ship, receive. */
async function advanceTransfer(s: Staff, rec: Recorder) {
  const list = ok<{ items: TransferRow[] }>(
    await rec.call(s.c, "GET /api/transfers", "GET", "/api/transfers?pageSize=50"),
  );
  const t = pick((list?.items ?? []).filter((t) => t.actions.some((a) => a !== "cancel" && a !== "reject")));
  if (!t) return;
  await think();
  if (t.actions.includes("reject") && chance(0.1)) {
    await rec.call(s.c, "POST /api/transfers/{id}/reject", "POST", `/api/transfers/${t.id}/reject`, {
      reason: "Not this week",
    });
    return;
  }
  const step = t.actions.find((a) => a !== "cancel" && a !== "reject")!;
  await rec.call(s.c, `POST /api/transfers/{id}/${step}`, "POST", `/api/transfers/${t.id}/${step}`, {});
}

/** One line of a location's stock, as its operator reads it (none when it stocks nothing). */
async function stockLine(s: Staff, rec: Recorder, at: Location) {
  const a = await rec.call(s.c, "GET /api/locations/{id}/stock", "GET", `/api/locations/${at.id}/stock`);
  return pick(ok<StockRow[]>(a) ?? []);
}

/** Into one of the account's hubs, from a logistics center (a replenishment) or another of its hubs. */
async function requestTransfer(s: Staff, rec: Recorder, w: World) {
  const hubs = s.own.filter((l) => l.kind === "org_hub" || l.kind === "dealer_hub");
  const to = pick(hubs);
  if (!to) return;
  const line = await stockLine(s, rec, to);
  if (!line) return;
  const otherHubs = hubs.filter((h) => h.id !== to.id);
  const from =
    chance(0.3) && otherHubs.length
      ? pick(otherHubs)!
      : pick(w.locations.filter((l) => l.kind === "logistics_center"))!;
  await think();
  await rec.call(
    s.c,
    "POST /api/transfers",
    "POST",
    "/api/transfers",
    {
      fromLocationId: from.id,
      toLocationId: to.id,
      items: [{ variantId: line.variantId, quantity: 1 + rand(5) }],
      note: "soak",
    },
    { "idempotency-key": randomUUID() },
  );
}

/**
 * At one of its locations: a count correction (compare-and-set on the on hand just read, never below
 * what is reserved) or, where suppliers deliver (centers, warehouses), a receipt.
 */
async function countOrReceive(s: Staff, rec: Recorder) {
  const at = pick(s.own);
  if (!at) return;
  const line = await stockLine(s, rec, at);
  if (!line) return;
  await think();
  if ((at.kind === "logistics_center" || at.kind === "seller_warehouse") && chance(0.6)) {
    await rec.call(s.c, "POST /api/locations/{id}/receipts", "POST", `/api/locations/${at.id}/receipts`, {
      items: [{ variantId: line.variantId, quantity: 5 + rand(20) }],
      reference: `SOAK-${randomUUID().slice(0, 8)}`,
    });
    return;
  }
  const onHand = Math.max(line.reserved, line.onHand + rand(6) - 2);
  await rec.call(s.c, "POST /api/locations/{id}/adjustments", "POST", `/api/locations/${at.id}/adjustments`, {
    variantId: line.variantId,
    expectedOnHand: line.onHand,
    onHand,
    reason: "Cycle count",
  });
}

/** What each role reads: marketing the audit trail, the KPIs and (rarely: it recomputes every level) the ledger check. */
async function read(s: Staff, rec: Recorder) {
  if (s.role === "seller") {
    await rec.call(s.c, "GET /api/seller-products", "GET", "/api/seller-products");
    return;
  }
  if (s.role === "dealer") {
    await rec.call(s.c, "GET /api/transfers", "GET", "/api/transfers");
    return;
  }
  const r = Math.random();
  if (r < 0.45) await rec.call(s.c, "GET /api/audit", "GET", "/api/audit");
  else if (r < 0.9) await rec.call(s.c, "GET /api/kpis", "GET", "/api/kpis");
  else await rec.call(s.c, "GET /api/ledger/check", "GET", "/api/ledger/check");
}

/** Marketing opens a launch pre-order (capacity 300, no per-customer limit) that customers then reserve. */
async function launch(s: Staff, rec: Recorder, w: World) {
  const product = w.reservation.find((p) => p.sellerId === w.retailerId);
  const center = w.locations.find((l) => l.kind === "logistics_center");
  if (!product || !center) return;
  const day = 86_400_000;
  await rec.call(s.c, "POST /api/reservables", "POST", "/api/reservables", {
    variantId: product.variants[0]!.id,
    locationId: center.id,
    capacity: 300,
    perCustomerLimit: null,
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    launchAt: new Date(Date.now() + 14 * day).toISOString(),
    cancelDeadline: new Date(Date.now() + 13 * day).toISOString(),
  });
}
