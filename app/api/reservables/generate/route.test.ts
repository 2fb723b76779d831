import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, products, reservables, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { demoActors, seedDemo } from "@/test/factories";
import { POST } from "./route";

const t = setupTestDb();
const who: Record<string, UserActor> = {};
let gangnam: string;
let haeundae: string;
let jongno: string;
let setupVariant: string;
const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(reservables))[0]!.n;
const loc = async (code: string) =>
  (await t.db.select().from(locations).where(eq(locations.code, code)))[0]!.id;
const day = format(addDays(new TZDate(new Date(), "Asia/Seoul"), 20), "yyyy-MM-dd");

beforeAll(async () => {
  await seedDemo(t.db);
  Object.assign(who, await demoActors(t.db));
  [gangnam, haeundae, jongno] = await Promise.all([
    loc("HUB-GANGNAM"),
    loc("HUB-HAEUNDAE"),
    loc("HUB-JONGNO"),
  ]);
  const [v] = await t.db
    .select({ id: variants.id })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(products.nameEn, "Activation & device set-up appointment"));
  setupVariant = v!.id;
});

const body = (extra: Record<string, unknown> = {}) => ({
  variantId: setupVariant,
  locationId: gangnam,
  fromDate: day,
  days: 1,
  dayStart: "10:00",
  dayEnd: "18:00",
  slotMinutes: 30,
  capacity: 4,
  ...extra,
});

describe("POST /api/reservables/generate", () => {
  it("a dealer generates a day of 30-minute slots at their hub, in Seoul time; again creates nothing new", async () => {
    const res = await call(POST, { as: who.dealer, body: body() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 16, skipped: 0 });
    const rows = await t.db.select().from(reservables).where(eq(reservables.id, res.body.ids[0]));
    expect(rows[0]).toMatchObject({ kind: "slot", locationId: gangnam, capacity: 4, perCustomerLimit: 1 });
    // 10:00 KST is 01:00 UTC.
    expect(rows[0]!.startsAt!.toISOString()).toBe(`${day}T01:00:00.000Z`);
    expect(rows[0]!.endsAt!.toISOString()).toBe(`${day}T01:30:00.000Z`);
    expect(rows[0]!.cancelDeadline.toISOString()).toBe(
      new Date(rows[0]!.startsAt!.getTime() - 2 * 3600_000).toISOString(),
    );
    const again = await call(POST, { as: who.dealer, body: body() });
    expect(again.body).toMatchObject({ created: 0, skipped: 16 });
  });

  it("a week of slots for marketing at an org hub", async () => {
    const res = await call(POST, {
      as: who.marketing,
      body: body({ locationId: jongno, days: 7, slotMinutes: 60 }),
    });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(7 * 8);
  });

  it("another organisation's hub is 404; customers and sellers without hubs are refused", async () => {
    const before = await count();
    expect((await call(POST, { as: who.dealer, body: body({ locationId: haeundae }) })).status).toBe(404);
    expect((await call(POST, { as: who.marketing, body: body({ locationId: haeundae }) })).status).toBe(404);
    expect((await call(POST, { as: who.seller, body: body() })).status).toBe(404);
    expect((await call(POST, { as: who.customer, body: body() })).status).toBe(403);
    expect((await call(POST, { body: body() })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it.each([
    ["malformed JSON", "{", 400, undefined],
    ["an end before the start", { dayStart: "18:00", dayEnd: "10:00" }, 422, "dayEnd"],
    ["a bad time", { dayStart: "25:00" }, 422, "dayStart"],
    ["a bad date", { fromDate: "2026-13-01" }, 422, "fromDate"],
    ["too many days", { days: 400 }, 422, "days"],
    ["a negative capacity", { capacity: -4 }, 422, "capacity"],
    ["tiny slots", { slotMinutes: 1 }, 422, "slotMinutes"],
    ["an unknown field", { colour: "red" }, 422, "colour"],
    ["a location that is no id", { locationId: "hub-1" }, 422, "locationId"],
  ])("answers %s with a problem and creates nothing", async (_l, extra, status, field) => {
    const before = await count();
    const res = await call(POST, {
      as: who.dealer,
      ...(typeof extra === "string" ? { rawBody: extra } : { body: body(extra) }),
    });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await count()).toBe(before);
  });
});
