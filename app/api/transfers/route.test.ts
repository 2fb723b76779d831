import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { checkLedgerAfterEach, setupDemoWorld } from "@/test/demo-world";
import { call } from "@/test/http";
import { setStock, stockAt } from "@/test/orders-fixtures";
import { POST as approve } from "./[id]/approve/route";
import { POST as cancel } from "./[id]/cancel/route";
import { POST as receive } from "./[id]/receive/route";
import { POST as reject } from "./[id]/reject/route";
import { GET as getOne } from "./[id]/route";
import { POST as ship } from "./[id]/ship/route";
import { GET as list, POST as create } from "./route";

const { t, ids, who } = setupDemoWorld();
const PHONE = "SM-S931N-1-1";

beforeAll(async () => {
  await setStock(t.db, ids.loc("LC-ICHEON"), ids.variant(PHONE), 100);
});
checkLedgerAfterEach(t);

async function snapshot() {
  const [row] = await t.db.execute(sql`select
    (select count(*)::int from transfers) as transfers,
    (select count(*)::int from transfer_items) as items,
    (select count(*)::int from transfer_events) as events,
    (select count(*)::int from stock_movements) as movements,
    (select count(*)::int from idempotency_keys) as keys,
    (select string_agg(id::text || status::text || coalesce(reason, ''), ',' order by id) from transfers) as statuses`);
  return row;
}

const body = (qty: number = 5, to = "HUB-GANGNAM") => ({
  fromLocationId: ids.loc("LC-ICHEON"),
  toLocationId: ids.loc(to),
  items: [{ variantId: ids.variant(PHONE), quantity: qty }],
});

describe("POST /api/transfers and the steps", () => {
  it("walks a replenishment to received over HTTP, in the the API contract shape", async () => {
    const res = await call(create, { as: who.dealer, body: { ...body(5), note: "weekend promo" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: "requested",
      fromLocationId: ids.loc("LC-ICHEON"),
      toLocationId: ids.loc("HUB-GANGNAM"),
      note: "weekend promo",
      items: [{ variantId: ids.variant(PHONE), quantity: 5, shipped: 0, received: 0 }],
    });
    const id = res.body.id as string;
    expect((await call(approve, { as: who.marketing, params: { id }, body: {} })).body.status).toBe(
      "approved",
    );
    expect((await call(ship, { as: who.marketing, params: { id }, body: {} })).body.status).toBe(
      "in_transit",
    );
    const before = await stockAt(t.db, ids.loc("HUB-GANGNAM"), ids.variant(PHONE));
    const got = await call(receive, {
      as: who.dealer,
      params: { id },
      body: { items: [{ variantId: ids.variant(PHONE), quantity: 4 }] },
    });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      status: "received",
      items: [{ quantity: 5, shipped: 5, received: 4, shortfall: 1 }],
    });
    expect((await stockAt(t.db, ids.loc("HUB-GANGNAM"), ids.variant(PHONE))).onHand).toBe(before.onHand + 4);
    expect((await call(getOne, { as: who.dealer, params: { id } })).body.status).toBe("received");
    const page = await call(list, { as: who.dealer, url: "/api/transfers?status=received" });
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThanOrEqual(1);
    expect(page.body.items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it("reject and cancel take reasons; a wrong state is 409", async () => {
    const a = (await call(create, { as: who.dealer, body: body(1) })).body.id as string;
    expect(
      (await call(reject, { as: who.marketing, params: { id: a }, body: { reason: "not now" } })).body,
    ).toMatchObject({ status: "rejected", reason: "not now" });
    const before = await snapshot();
    expect(
      (await call(reject, { as: who.marketing, params: { id: a }, body: { reason: "again" } })).status,
    ).toBe(409);
    expect((await call(approve, { as: who.marketing, params: { id: a }, body: {} })).status).toBe(409);
    expect((await call(cancel, { as: who.dealer, params: { id: a }, body: {} })).status).toBe(409);
    expect(await snapshot()).toEqual(before);
    const b = (await call(create, { as: who.dealer, body: body(1) })).body.id as string;
    expect(
      (await call(cancel, { as: who.dealer, params: { id: b }, body: { reason: "mistake" } })).body.status,
    ).toBe("cancelled");
  });

  it("honours Idempotency-Key: the same body replays (200), another body is 422", async () => {
    const headers = { "idempotency-key": "route-key-1" };
    const first = await call(create, { as: who.dealer, body: body(2), headers });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const again = await call(create, { as: who.dealer, body: body(2), headers });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    const other = await call(create, { as: who.dealer, body: body(3), headers });
    expect(other.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });
});

describe("refusals write nothing", () => {
  it("POST /api/transfers: 400 malformed JSON, 422 naming the field, 401/403", async () => {
    const before = await snapshot();
    expect(
      (
        await call(create, {
          as: who.dealer,
          rawBody: "{not json",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
    expect((await call(create, { as: who.dealer, rawBody: "" })).status).toBe(400);
    const cases: [unknown, string][] = [
      [{ ...body(), extra: 1 }, "extra"],
      [{ ...body(), items: [{ variantId: ids.variant(PHONE), quantity: 1, price: 1 }] }, "items.0.price"],
      [{ ...body(), fromLocationId: 7 }, "fromLocationId"],
      [{ ...body(), toLocationId: undefined }, "toLocationId"],
      [{ ...body(), items: [] }, "items"],
      [{ ...body(), items: "many" }, "items"],
      [body(-1), "items.0.quantity"],
      [body(0), "items.0.quantity"],
      [body(1001), "items.0.quantity"],
      [body(1e12), "items.0.quantity"],
      [body(1.5), "items.0.quantity"],
      [{ ...body(), items: [{ variantId: ids.variant(PHONE), quantity: "2" }] }, "items.0.quantity"],
      [{ ...body(), items: [{ variantId: "nope", quantity: 2 }] }, "items.0.variantId"],
      [{ ...body(), toLocationId: ids.loc("LC-ICHEON") }, "toLocationId"],
      [{ ...body(), note: 5 }, "note"],
      [{ ...body(), note: "x".repeat(501) }, "note"],
    ];
    for (const [b, field] of cases) {
      const res = await call(create, { as: who.dealer, body: b });
      expect(res.status, JSON.stringify(b)).toBe(422);
      expect(Object.keys(res.body.errors), JSON.stringify(b)).toContain(field);
    }
    expect((await call(create, { as: null, body: body() })).status).toBe(401);
    expect((await call(create, { as: who.customer, body: body() })).status).toBe(403);
    expect((await call(create, { as: who.seller, body: body() })).status).toBe(403);
    // Into another organisation's hub: 404, as if it did not exist (the API contract), not 403.
    const foreign = await call(create, { as: who.dealer2, body: body() });
    expect([foreign.status, foreign.body.code]).toEqual([404, "location.not_found"]);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(create, { as: who.dealer, body: body(1, "HUB-JONGNO") })).status).toBe(404);
    expect((await call(list, { as: null })).status).toBe(401);
    expect((await call(list, { as: who.customer })).status).toBe(403);
    expect((await call(list, { as: who.dealer, url: "/api/transfers?status=lost" })).status).toBe(422);
    expect((await call(list, { as: who.dealer, url: "/api/transfers?pageSize=100000" })).status).toBe(422);
    expect((await call(list, { as: who.dealer, url: "/api/transfers?foo=1" })).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it("the steps: 404 for non-UUID, unknown or another's; 401; 403; bad bodies 400/422", async () => {
    const id = (await call(create, { as: who.dealer, body: body(3) })).body.id as string;
    const before = await snapshot();
    for (const handler of [approve, reject, ship, receive, cancel]) {
      expect(
        (await call(handler, { as: who.marketing, params: { id: "not-a-uuid" }, body: {} })).status,
      ).toBe(404);
      expect(
        (
          await call(handler, {
            as: who.marketing,
            params: { id: "00000000-0000-4000-8000-000000000000" },
            body: {},
          })
        ).status,
      ).toBe(404);
      expect((await call(handler, { as: who.dealer2, params: { id }, body: { reason: "x" } })).status).toBe(
        404,
      );
      expect((await call(handler, { as: null, params: { id }, body: {} })).status).toBe(401);
      expect((await call(handler, { as: who.customer, params: { id }, body: {} })).status).toBe(403);
      expect(
        (
          await call(handler, {
            as: who.marketing,
            params: { id },
            rawBody: "{",
            headers: { "content-type": "application/json" },
          })
        ).status,
      ).toBe(400);
    }
    expect((await call(getOne, { as: who.marketing, params: { id: "x" } })).status).toBe(404);
    expect((await call(getOne, { as: who.dealer2, params: { id } })).status).toBe(404);
    expect((await call(approve, { as: who.dealer, params: { id }, body: {} })).status).toBe(403);
    const r1 = await call(approve, { as: who.marketing, params: { id }, body: { note: 1 } });
    expect([r1.status, Object.keys(r1.body.errors)]).toEqual([422, ["note"]]);
    const r2 = await call(approve, { as: who.marketing, params: { id }, body: { force: true } });
    expect([r2.status, Object.keys(r2.body.errors)]).toEqual([422, ["force"]]);
    const r3 = await call(reject, { as: who.marketing, params: { id }, body: {} });
    expect([r3.status, Object.keys(r3.body.errors)]).toEqual([422, ["reason"]]);
    const r4 = await call(reject, { as: who.marketing, params: { id }, body: { reason: "   " } });
    expect([r4.status, Object.keys(r4.body.errors)]).toEqual([422, ["reason"]]);
    expect(await snapshot()).toEqual(before);

    // In transit: receive's body is checked line by line.
    await call(approve, { as: who.marketing, params: { id }, body: {} });
    await call(ship, { as: who.marketing, params: { id }, body: {} });
    const mid = await snapshot();
    const bad: [unknown, string][] = [
      [{ items: [{ variantId: ids.variant(PHONE), quantity: 4 }] }, "items.0.quantity"],
      [{ items: [{ variantId: ids.variant(PHONE), quantity: -1 }] }, "items.0.quantity"],
      [{ items: [{ variantId: ids.variant(PHONE), quantity: 1e9 }] }, "items.0.quantity"],
      [{ items: [{ variantId: ids.variant(PHONE), quantity: "1" }] }, "items.0.quantity"],
      [{ items: [{ variantId: ids.variant("SM-S931N-1-2"), quantity: 1 }] }, "items.0.variantId"],
      [{ items: [{ variantId: ids.variant(PHONE), quantity: 1, extra: 1 }] }, "items.0.extra"],
      [{ items: {} }, "items"],
      [{ lost: 1 }, "lost"],
    ];
    for (const [b, field] of bad) {
      const res = await call(receive, { as: who.dealer, params: { id }, body: b });
      expect(res.status, JSON.stringify(b)).toBe(422);
      expect(Object.keys(res.body.errors), JSON.stringify(b)).toContain(field);
    }
    expect((await call(receive, { as: who.marketing, params: { id }, body: {} })).status).toBe(403);
    expect(await snapshot()).toEqual(mid);
  });

  it("every step at another organisation's end of a hub-to-hub transfer is 404 and writes nothing", async () => {
    await setStock(t.db, ids.loc("HUB-GANGNAM"), ids.variant(PHONE), 10);
    // Requested by dealer 2 out of dealer 1's hub into their own.
    const made = await call(create, {
      as: who.dealer2,
      body: { ...body(1, "HUB-HAEUNDAE"), fromLocationId: ids.loc("HUB-GANGNAM") },
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const refused = async (handler: typeof approve, as: UserActor | undefined, b: unknown = {}) => {
      const before = await snapshot();
      const res = await call(handler, { as, params: { id }, body: b });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ status: 404, code: "location.not_found" });
      expect(await snapshot()).toEqual(before);
    };
    await refused(approve, who.dealer2);
    await refused(reject, who.dealer2, { reason: "x" });
    await refused(cancel, who.dealer);
    expect((await call(approve, { as: who.dealer, params: { id }, body: {} })).status).toBe(200);
    await refused(ship, who.dealer2);
    expect((await call(ship, { as: who.dealer, params: { id }, body: {} })).status).toBe(200);
    await refused(receive, who.dealer);
    expect((await call(receive, { as: who.dealer2, params: { id }, body: {} })).status).toBe(200);
  });

  it("short stock at approval is 409 naming the variant", async () => {
    await setStock(t.db, ids.loc("LC-DAEJEON"), ids.variant(PHONE), 1);
    const id = (
      await call(create, {
        as: who.marketing,
        body: { ...body(2, "HUB-DUNSAN"), fromLocationId: ids.loc("LC-DAEJEON") },
      })
    ).body.id as string;
    const before = await snapshot();
    const res = await call(approve, { as: who.marketing, params: { id }, body: {} });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: "transfer.insufficient_stock",
      short: [{ variantId: ids.variant(PHONE), sku: PHONE, available: 1, requested: 2 }],
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/transfers/{id}/cancel in transit", () => {
  it("decides each shipped line: 200 cancelled, 422 naming the line, 403/404/401, 409 on a retry", async () => {
    const phone = ids.variant(PHONE);
    const id = (await call(create, { as: who.dealer, body: body(3) })).body.id as string;
    await call(approve, { as: who.marketing, params: { id }, body: {} });
    await call(ship, { as: who.marketing, params: { id }, body: {} });
    const source = await stockAt(t.db, ids.loc("LC-ICHEON"), phone);
    const before = await snapshot();
    const bad: [unknown, string][] = [
      [{}, "lines"],
      [{ lines: [] }, "lines"],
      [{ lines: [{ variantId: phone, disposition: "write_off" }] }, "lines.0.reason"],
      [{ lines: [{ variantId: phone, disposition: "burn" }] }, "lines.0.disposition"],
      [{ lines: [{ variantId: ids.variant("SM-S931N-1-2"), disposition: "return" }] }, "lines.0.variantId"],
      [{ lines: [{ variantId: phone, disposition: "return", quantity: 1 }] }, "lines.0.quantity"],
    ];
    for (const [b, field] of bad) {
      const res = await call(cancel, { as: who.marketing, params: { id }, body: b });
      expect(res.status, JSON.stringify(b)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(Object.keys(res.body.errors), JSON.stringify(b)).toContain(field);
    }
    const lines = [{ variantId: phone, disposition: "return" }];
    expect((await call(cancel, { as: who.dealer, params: { id }, body: { lines } })).status).toBe(403);
    expect((await call(cancel, { as: who.dealer2, params: { id }, body: { lines } })).status).toBe(404);
    expect((await call(cancel, { as: who.customer, params: { id }, body: { lines } })).status).toBe(403);
    expect((await call(cancel, { as: who.seller, params: { id }, body: { lines } })).status).toBe(403);
    expect((await call(cancel, { as: null, params: { id }, body: { lines } })).status).toBe(401);
    expect(await snapshot()).toEqual(before);

    const ok = await call(cancel, { as: who.marketing, params: { id }, body: { lines } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "cancelled", items: [{ shipped: 3, disposition: "return" }] });
    expect(await stockAt(t.db, ids.loc("LC-ICHEON"), phone)).toEqual({
      onHand: source.onHand + 3,
      reserved: source.reserved,
    });
    const after = await snapshot();
    const again = await call(cancel, { as: who.marketing, params: { id }, body: { lines } });
    expect([again.status, again.body.code]).toEqual([409, "transfer.illegal_transition"]);
    expect(await snapshot()).toEqual(after);
  });
});

describe("the transfers part of /api/openapi.json", () => {
  it("describes every transfer endpoint", async () => {
    const { GET } = await import("../openapi.json/route");
    const { body } = await call(GET);
    for (const [path, method] of [
      ["/api/transfers", "post"],
      ["/api/transfers", "get"],
      ["/api/transfers/{id}", "get"],
      ...["approve", "reject", "ship", "receive", "cancel"].map((s) => [`/api/transfers/{id}/${s}`, "post"]),
    ]) {
      expect(body.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    }
    expect(
      body.paths["/api/transfers"].post.requestBody.content["application/json"].schema.additionalProperties,
    ).toBe(false);
  });
});
