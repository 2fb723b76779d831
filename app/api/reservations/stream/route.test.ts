import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { resetLiveHub } from "@/lib/reservations/live";
import { makeReservable } from "@/lib/reservations/testing";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { sessionCookie } from "@/test/http";
import { POST as cancelWhole } from "../../reservables/[id]/cancel/route";
import { GET as staffStream } from "../../reservables/stream/route";
import { POST as reserve } from "../route";
import { GET } from "./route";
import { call } from "@/test/http";

const t = setupTestDb();
afterAll(() => resetLiveHub());

/** Opens an event stream as this user and reads its events as they come. */
async function open(handler: typeof GET, as: UserActor | null) {
  const ctrl = new AbortController();
  const headers: Record<string, string> = as ? { cookie: await sessionCookie(as) } : {};
  const res = await handler(
    new NextRequest("http://localhost:3000/api/x", { headers, signal: ctrl.signal }),
    { params: Promise.resolve({}) },
  );
  if (!res.body) return { res, close: () => ctrl.abort(), next: async () => null };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  const next = async (timeoutMs = 5000): Promise<{ event: string; data: unknown } | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = buf.indexOf("\n\n");
      if (i >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (block.startsWith(":")) continue;
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null");
        return { event, data };
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), left)),
      ]);
      if (chunk === null || chunk.done) return null;
      buf += decoder.decode(chunk.value);
    }
  };
  return { res, next, close: () => ctrl.abort() };
}

describe("GET /api/reservations/stream", () => {
  it("sends a snapshot, then the customer's own reservation as the worker decides it; nobody else's", async () => {
    await seedDemo(t.db);
    const r = await makeReservable(t.db, { capacity: 1 });
    const me = await makeCustomer(t.db);
    const other = await makeCustomer(t.db);
    const mine = await call(reserve, { as: me, body: { reservableId: r.id, quantity: 1 } });
    const theirs = await call(reserve, { as: other, body: { reservableId: r.id, quantity: 1 } });
    const s = await open(GET, me);
    expect(s.res.headers.get("content-type")).toContain("text/event-stream");
    const snap = await s.next();
    expect(snap).toMatchObject({
      event: "snapshot",
      data: [{ id: mine.body.id, status: "pending", queuePosition: 1 }],
    });

    await settleUntilIdle(t.db);
    const update = await s.next();
    expect(update).toMatchObject({
      event: "update",
      data: [{ id: mine.body.id, status: "confirmed", holdExpiresAt: expect.any(String) }],
    });
    expect(JSON.stringify(update)).not.toContain(theirs.body.id);

    // Staff call it off: the customer sees it cancelled, with the reason.
    const dealerish = await actorFor(t.db, "marketing@demo.test");
    const off = await call(cancelWhole, {
      as: dealerish,
      params: { id: r.id },
      body: { reason: "출시 연기" },
    });
    expect(off.status).toBe(200);
    const cancelled = await s.next();
    expect(cancelled).toMatchObject({
      event: "update",
      data: [{ id: mine.body.id, status: "cancelled", cancelReason: "출시 연기" }],
    });
    s.close();
  });

  it("refuses anonymous (401) and staff (403)", async () => {
    expect((await open(GET, null)).res.status).toBe(401);
    expect((await open(GET, await actorFor(t.db, "dealer@demo.test"))).res.status).toBe(403);
  });
});

describe("GET /api/reservables/stream", () => {
  it("sends live counts of the staff member's reservables as requests arrive and are decided", async () => {
    const marketing = await actorFor(t.db, "marketing@demo.test");
    const r = await makeReservable(t.db, { capacity: 5 });
    const s = await open(staffStream, marketing);
    expect(await s.next()).toMatchObject({ event: "snapshot" });
    await call(reserve, { as: await makeCustomer(t.db), body: { reservableId: r.id, quantity: 2 } });
    expect(await s.next()).toMatchObject({
      event: "update",
      data: [{ id: r.id, counts: { pending: 1, confirmed: 0 } }],
    });
    await settleUntilIdle(t.db);
    expect(await s.next()).toMatchObject({
      event: "update",
      data: [{ id: r.id, available: 3, counts: { pending: 0, confirmed: 2 } }],
    });
    s.close();
    expect((await open(staffStream, await makeCustomer(t.db))).res.status).toBe(403);
    expect((await open(staffStream, null)).res.status).toBe(401);
  });
});
