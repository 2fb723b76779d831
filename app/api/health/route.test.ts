import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { beat } from "@/lib/worker/heartbeat";
import { makeCustomers, makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { GET } from "./route";

const t = setupTestDb();

describe("GET /api/health", () => {
  it("is ok while the database answers", async () => {
    const res = await call(GET);
    expect(res.status).toBe(200);
    // No worker has beaten, and no request waits for one: not degraded.
    expect(res.body).toEqual({ status: "ok", db: "ok", worker: "absent" });
  });

  it("is degraded (still 200) while requests wait past their grace with no live worker, ok once one beats", async () => {
    const product = await makeReservationProduct(t.db);
    const r = await makeReservable(t.db, { ...product, capacity: 10 });
    const [c] = await makeCustomers(t.db, 1);
    // A request made a minute ago that nobody decided.
    await t.db.execute(sql`insert into reservations (reservable_id, customer_id, quantity, created_at)
      values (${r.id}, ${c!.id}, 1, now() - interval '1 minute')`);
    await t.db.execute(sql`insert into worker_heartbeats (id, beat_at) values ('gone:1', now() - interval '1 minute')`);
    const stalled = await call(GET);
    expect(stalled.status).toBe(200);
    expect(stalled.body).toEqual({ status: "degraded", db: "ok", worker: "stalled", pendingOverdue: 1 });

    await beat(t.db, "alive:2");
    const alive = await call(GET);
    expect(alive.body).toEqual({ status: "ok", db: "ok", worker: "ok" });
    await t.db.execute(sql`delete from worker_heartbeats`);
  });

  it("is 503 when the database is unreachable", async () => {
    const g = globalThis as unknown as { __hubDb?: ReturnType<typeof createDb> };
    const real = g.__hubDb;
    // A port nothing listens on.
    g.__hubDb = createDb(t.url.replace(/:\d+\//, ":1/"), { max: 1 });
    try {
      const res = await call(GET);
      expect(res.status).toBe(503);
      expect(res.body.db).toBe("unreachable");
    } finally {
      await g.__hubDb.sql.end({ timeout: 1 });
      g.__hubDb = real;
    }
  });
});
