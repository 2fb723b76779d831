/**
 * `npm run worker`: the reservation worker on its own (for more machines); `npm start` runs one too.
 * Acts as the SYSTEM actor: it decides, expires and offers, under the rules in lib/reservations, and
 * sweeps payment intents left unfinished (lib/payments/settle-intents.ts), and turns paid pre-orders
 * into orders once their launch has come (lib/reservations/release-preorders.ts).
 * Stops cleanly on SIGTERM/SIGINT: no new work, the transactions in flight finish (or roll back).
 */
import { ceilingFor, createDb, createListener, databaseUrl } from "@/db/client";
import { ReservationWorker } from "@/lib/reservations/worker";
import { startHeartbeat } from "./heartbeat";

/** The worker's own server-side limits: 0 (none) unless WORKER_*_TIMEOUT_MS says, so a big batch is never cut. */
const workerLimit = (name: string) => {
  const n = Number(process.env[name] ?? 0);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

const log = (m: string) => console.log(`[worker ${process.pid}] ${m}`);
const PAYMENT_SWEEP_MS = 10_000;
/** How often paid pre-orders whose launch has come are turned into orders (lib/reservations/release-preorders.ts). */
const PREORDER_RELEASE_MS = Number(process.env.PREORDER_RELEASE_MS ?? 60_000);

async function main() {
  const concurrency = Number(process.env.RESERVATION_WORKER_CONCURRENCY ?? 4);
  const statementMs = workerLimit("WORKER_STATEMENT_TIMEOUT_MS");
  const { db, sql } = createDb(databaseUrl(), {
    max: concurrency + 3,
    // No query ceiling either while there is no statement limit (not the web's DB_QUERY_CEILING_MS):
    // a batch that legitimately runs long is never cut. A stopped server still fails the wait (the stall watch).
    timeouts: { statementMs, lockMs: workerLimit("WORKER_LOCK_TIMEOUT_MS"), queryCeilingMs: ceilingFor(statementMs) },
  });
  // Its LISTEN on DATABASE_DIRECT_URL (a transaction pooler cannot carry it); the work on DATABASE_URL.
  const listener = createListener();
  const worker = new ReservationWorker({ db, sql: listener, concurrency, log });
  let sweeping: Promise<void> | null = null;
  const paymentSweep = setInterval(() => {
    if (sweeping) return; // the last sweep is still asking the provider
    // Loaded at the first sweep, not at start: deciding reservations should not wait for the
    // payments code (and the orders code it settles with) to load.
    sweeping = import("@/lib/payments/settle-intents")
      .then(({ settleIntents }) => settleIntents(db, { log }))
      .then((r) => {
        if (r.payments + r.failed + r.refunds.succeeded + r.refunds.failed + r.refunds.pending > 0)
          log(`payments swept: ${JSON.stringify(r)}`);
      })
      .catch((e) => log(`payment sweep failed (will retry): ${String(e)}`))
      .finally(() => (sweeping = null));
  }, PAYMENT_SWEEP_MS);
  let releasing: Promise<void> | null = null;
  // Like the payments sweep, loaded at its first run (not at start), so deciding starts at once.
  const releasePreorders = () => {
    if (releasing) return; // the last run is still converting
    releasing = import("@/lib/reservations/release-preorders")
      .then(({ releasePaidPreorders }) => releasePaidPreorders(db))
      .then((r) => {
        if (r.converted.length + r.waitingForStock > 0)
          log(`pre-orders released: ${r.converted.length} orders, ${r.waitingForStock} waiting for stock`);
      })
      .catch((e) => log(`pre-order release failed (will retry): ${String(e)}`))
      .finally(() => (releasing = null));
  };
  const preorderRelease = setInterval(releasePreorders, PREORDER_RELEASE_MS);
  // The beat says "a worker is deciding" to /api/health (lib/identity/health.ts), from any machine.
  const heartbeat = await startHeartbeat(db, log);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    clearInterval(paymentSweep);
    clearInterval(preorderRelease);
    await Promise.all([worker.stop(), sweeping, releasing, heartbeat.stop()]);
    await Promise.all([sql.end({ timeout: 5 }), listener.end({ timeout: 1 })]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  await worker.start();
  log(
    `deciding reservations (concurrency ${concurrency}), sweeping payments every ${PAYMENT_SWEEP_MS / 1000} s, releasing pre-orders every ${PREORDER_RELEASE_MS / 1000} s`,
  );
}

main().catch((e) => {
  console.error("[worker] failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
