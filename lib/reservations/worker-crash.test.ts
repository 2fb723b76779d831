import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { setupTestDb } from "@/test/db";
import { submitReservationRequest } from "./request-reservation";
import {
  makeCustomers,
  makeReservable,
  makeReservationProduct,
  reservableRow,
  reservationsOf,
} from "./testing";

const t = setupTestDb();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** `npm run worker`, as its own process, with small batches so that a kill lands mid-run. */
function spawnWorker(name: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      RESERVATION_BATCH_SIZE: "7",
      RESERVATION_GRACE_MS: "0",
      RESERVATION_WORKER_CONCURRENCY: "2",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, out: `${name}: ${out}` })),
  );
  return { child, exited };
}

async function counts() {
  const [row] = await t.db.execute<{ pending: number; decided: number }>(sql`
    select count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status <> 'pending')::int as decided
    from reservations`);
  return row!;
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a worker killed with SIGKILL in the middle of a run", () => {
  it("loses nothing and decides nothing twice once a worker is running again", async () => {
    const product = await makeReservationProduct(t.db);
    const rs = await Promise.all(
      Array.from({ length: 4 }, () => makeReservable(t.db, { ...product, capacity: 400 })),
    );
    const customers = await makeCustomers(t.db, 1000);
    const web = createDb(t.url, { max: 40 });
    try {
      // 4,000 acknowledged requests, before any worker runs.
      await Promise.all(
        rs.flatMap((r) =>
          customers.map((c) => submitReservationRequest(web.db, c, { reservableId: r.id, quantity: 1 })),
        ),
      );
      await new Promise((r) => setTimeout(r, 50)); // let the coalesced wake-up NOTIFY go out first
    } finally {
      await web.sql.end();
    }
    expect((await counts()).pending).toBe(4000);

    const a = spawnWorker("a");
    const b = spawnWorker("b");
    // Kill one while a good share, but not all, has been decided.
    await until(async () => (await counts()).decided >= 600, 60_000, "the workers to start deciding");
    a.child.kill("SIGKILL");
    const killed = await a.exited;
    expect(killed.signal).toBe("SIGKILL");
    expect((await counts()).pending).toBeGreaterThan(0); // it really was mid-run

    const again = spawnWorker("a2"); // restarted
    await until(async () => (await counts()).pending === 0, 120_000, "every request to be decided");
    b.child.kill("SIGTERM");
    again.child.kill("SIGTERM");
    const [eb, ea] = await Promise.all([b.exited, again.exited]);
    expect([eb.code, ea.code]).toEqual([0, 0]); // SIGTERM is a clean stop

    for (const r of rs) {
      const rows = await reservationsOf(t.db, r.id);
      expect(rows).toHaveLength(1000); // nothing lost
      const confirmed = rows.filter((x) => x.status === "confirmed");
      expect(confirmed).toHaveLength(400);
      expect(confirmed.map((x) => x.seq)).toEqual(rows.slice(0, 400).map((x) => x.seq));
      expect(rows.slice(400).every((x) => x.status === "rejected" && x.reason === "sold_out")).toBe(true);
      // Decided twice would show here: `taken` counts each confirmation exactly once.
      expect((await reservableRow(t.db, r.id)).taken).toBe(400);
    }
  });
});
