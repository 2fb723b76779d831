/**
 * `npm run worker`: the reservation worker on its own (for more machines); `npm start` runs one too.
 * Acts as the SYSTEM actor: it decides, expires and offers, under the rules in lib/reservations.
 * Stops cleanly on SIGTERM/SIGINT: no new work, the transactions in flight finish (or roll back).
 */
import { createDb, databaseUrl } from "@/db/client";
import { ReservationWorker } from "@/lib/reservations/worker";

const log = (m: string) => console.log(`[worker ${process.pid}] ${m}`);

async function main() {
  const concurrency = Number(process.env.RESERVATION_WORKER_CONCURRENCY ?? 4);
  const { db, sql } = createDb(databaseUrl(), { max: concurrency + 2 });
  const worker = new ReservationWorker({ db, sql, concurrency, log });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await worker.stop();
    await sql.end({ timeout: 5 });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  await worker.start();
  log(`deciding reservations (concurrency ${concurrency})`);
}

main().catch((e) => {
  console.error("[worker] failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
