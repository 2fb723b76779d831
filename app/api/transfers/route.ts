export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { createTransfer } from "@/lib/inventory/create-transfer";
import { listTransfers } from "@/lib/inventory/transfer-queries";
import { idempotencyKey, inTransaction, json, limit, query, readJson, route } from "@/lib/http/route";

/** 201 the new transfer; 200 (Idempotent-Replayed: true) the first transfer of a known Idempotency-Key. */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  await limit({ req, actor }, "create");
  const key = idempotencyKey(req);
  const { transfer, replayed } = await inTransaction((tx) =>
    createTransfer(tx, actor, body, { idempotencyKey: key }),
  );
  return replayed ? json(transfer, 200, { "idempotent-replayed": "true" }) : json(transfer, 201);
});

export const GET = route(async ({ req, actor }) => json(await listTransfers(getDb(), actor, query(req))));
