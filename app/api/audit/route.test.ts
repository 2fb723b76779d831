import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { uuidv7 } from "@/lib/ids";
import { setupDemoWorld } from "@/test/demo-world";
import { call } from "@/test/http";
import { setStock } from "@/test/orders-fixtures";
import { POST as approve } from "../transfers/[id]/approve/route";
import { POST as createTransfer } from "../transfers/route";
import { GET } from "./route";

const { t, ids, who } = setupDemoWorld();
const PHONE = "SM-S931N-1-1";

beforeAll(async () => {
  await setStock(t.db, ids.loc("LC-ICHEON"), ids.variant(PHONE), 100);
});

const audit = (qs = "", as: UserActor | null = who.marketing!) => call(GET, { as, url: `/api/audit${qs}` });
const rowCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0]!.n;

/** A row at a chosen moment, as recordAudit would write it (the route reads; the verbs write). */
async function rowAt(at: string, action: string, actorId: string | null, targetId = "t") {
  const when = new Date(at);
  await t.db.insert(auditLog).values({
    id: uuidv7(when.getTime()),
    at: when,
    actorId,
    action,
    targetType: "transfer",
    targetId,
    detail: {},
  });
}

describe("GET /api/audit", () => {
  it("shows marketing the staff actions done over the API, newest first, in the the API contract shape", async () => {
    const created = await call(createTransfer, {
      as: who.dealer,
      body: {
        fromLocationId: ids.loc("LC-ICHEON"),
        toLocationId: ids.loc("HUB-GANGNAM"),
        items: [{ variantId: ids.variant(PHONE), quantity: 2 }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call(approve, { as: who.marketing, params: { id }, body: {} })).status).toBe(200);

    const res = await audit();
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        actorId: who.marketing!.id,
        actorName: who.marketing!.name,
        action: "transfer.approve",
        targetType: "transfer",
        targetId: id,
        detail: { from: "requested", to: "approved" },
      },
      expect.objectContaining({
        actorId: who.dealer!.id,
        actorName: who.dealer!.name,
        action: "transfer.request",
        targetId: id,
      }),
    ]);
    expect(res.body.items[0].at >= res.body.items[1].at).toBe(true);
  });

  it("is for marketing only: 401 signed out, 403 for other roles, and reading writes nothing", async () => {
    const before = await rowCount();
    const anon = await audit("", null);
    expect(anon.status).toBe(401);
    expect(anon.headers.get("content-type")).toBe("application/problem+json");
    for (const role of ["customer", "dealer", "seller"]) {
      const res = await audit("", who[role]!);
      expect(res.status, role).toBe(403);
      expect(res.body.items).toBeUndefined();
    }
    // Refused before the query is even read: a bad query from a dealer is still 403.
    expect((await audit("?actorId=nope", who.dealer!)).status).toBe(403);
    expect(await rowCount()).toBe(before);
  });

  it("answers 422 naming the field for a bad query", async () => {
    for (const [qs, field] of [
      ["?actorId=not-a-uuid", "actorId"],
      ["?action=transfer.explode", "action"],
      ["?from=yesterday", "from"],
      ["?to=2026-13-01", "to"],
      ["?from=2026-05-02&to=2026-05-01", "to"],
      ["?page=0", "page"],
      ["?pageSize=1000", "pageSize"],
      ["?colour=red", "colour"],
    ] as const) {
      const res = await audit(qs);
      expect(res.status, qs).toBe(422);
      expect(Object.keys(res.body.errors), qs).toEqual([field]);
    }
  });

  it("filters by actor, action and Seoul days or exact instants", async () => {
    // 23:30 and 00:30 Seoul time lie on two Seoul days (but on one UTC day).
    await rowAt("2020-01-10T23:30:00+09:00", "transfer.ship", who.marketing!.id, "late-10th");
    await rowAt("2020-01-11T00:30:00+09:00", "transfer.ship", who.dealer!.id, "early-11th");
    await rowAt("2020-01-11T18:00:00+09:00", "transfer.receive", who.dealer!.id, "evening-11th");
    await rowAt("2020-01-12T09:00:00+09:00", "transfer.ship", null, "morning-12th");
    const targets = async (qs: string) => {
      const res = await audit(qs);
      expect(res.status, qs).toBe(200);
      expect(res.body.total, qs).toBe(res.body.items.length);
      return res.body.items.map((i: { targetId: string }) => i.targetId);
    };
    expect(await targets("?from=2020-01-11&to=2020-01-11")).toEqual(["evening-11th", "early-11th"]);
    expect(await targets("?from=2020-01-10&to=2020-01-11&action=transfer.ship")).toEqual([
      "early-11th",
      "late-10th",
    ]);
    expect(await targets(`?to=2020-01-12&actorId=${who.dealer!.id}`)).toEqual(["evening-11th", "early-11th"]);
    // An instant is included at both ends.
    expect(
      await targets(
        `?from=${encodeURIComponent("2020-01-11T00:30:00+09:00")}&to=${encodeURIComponent("2020-01-12T00:00:00Z")}`,
      ),
    ).toEqual(["morning-12th", "evening-11th", "early-11th"]);
    // The worker's rows have no actor.
    const system = (await audit("?from=2020-01-12&to=2020-01-12")).body.items[0];
    expect(system).toMatchObject({ actorId: null, actorName: null, targetId: "morning-12th" });
  });

  it("pages newest first: every row once, with the total", async () => {
    for (let i = 0; i < 25; i++) {
      await rowAt(
        new Date(Date.UTC(2019, 5, 1, 0, i)).toISOString(),
        "refund",
        null,
        `r${String(i).padStart(2, "0")}`,
      );
    }
    const page = async (n: number) => (await audit(`?action=refund&pageSize=10&page=${n}`)).body;
    const [p1, p2, p3, p4] = [await page(1), await page(2), await page(3), await page(4)];
    expect([p1.total, p2.total, p3.total]).toEqual([25, 25, 25]);
    expect(p1).toMatchObject({ page: 1, pageSize: 10 });
    const seen = [...p1.items, ...p2.items, ...p3.items].map((i: { targetId: string }) => i.targetId);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `r${String(24 - i).padStart(2, "0")}`));
    expect(p4.items).toEqual([]);
    // The default page size is 20.
    expect((await audit("?action=refund")).body.items).toHaveLength(20);
  });
});
