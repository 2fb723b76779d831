import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { stockLevels, transferEvents, transferItems, transfers, variants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import {
  applyStockMoves,
  compareStockKeys,
  InsufficientStock,
  releaseMove,
  reserveMove,
  shipMove,
  type StockMove,
} from "./stock";
import {
  actsOnForeignHub,
  hubNotFound,
  loadTransferFor,
  mayDo,
  type TransferAccessRow,
} from "./transfer-access";
import { nextTransferStatus, type TransferEvent } from "./transfer-machine";
import { loadTransferView, type TransferView } from "./transfer-queries";
import {
  CancelTransferInput,
  ReceiveTransferInput,
  RejectTransferInput,
  TransferStepInput,
} from "./transfer-schemas";

const REF = "transfer";

/** The source ran short when approving: name each variant (id and SKU) and what is available. */
export class TransferStockShort extends Conflict {
  constructor(short: (InsufficientStock["short"][number] & { sku: string })[]) {
    super(
      "transfer.insufficient_stock",
      `Not enough stock at the source for ${short.map((s) => s.sku).join(", ")}.`,
      { short },
    );
  }
}

async function skusOf(tx: Tx, ids: string[]) {
  const rows = await tx
    .select({ id: variants.id, sku: variants.sku })
    .from(variants)
    .where(inArray(variants.id, ids));
  return new Map(rows.map((r) => [r.id, r.sku]));
}

type Line = typeof transferItems.$inferSelect;

/**
 * One step of a transfer. Order: authorize, parse, lock the transfer row, check who (404 when the step
 * acts on another organisation's hub, 403 without the right to it) and the state (409
 * from a wrong state, a repeated step included), write the status and the event, and LAST the stock
 * statement (it locks the stock rows in the global order until COMMIT). Short stock aborts everything.
 */
async function step(
  tx: Tx,
  actor: Actor | null,
  rawId: unknown,
  event: TransferEvent,
  body: (
    t: TransferAccessRow,
    lines: Line[],
    skus: Map<string, string>,
  ) => Promise<{ reason: string | null; moves: StockMove[]; setReason?: boolean }>,
  now = new Date(),
): Promise<TransferView> {
  authorize(actor, "transfer:request");
  const t = await loadTransferFor(tx, actor, rawId, { lock: true });
  // Seeing the transfer (one end is theirs) does not reveal the other end: a step there is a 404.
  if (actsOnForeignHub(actor, t, event)) throw hubNotFound();
  if (!mayDo(actor, t, event))
    throw new Forbidden("transfer.not_allowed", `You may not ${event} this transfer.`);
  const to = nextTransferStatus(t.status, event);
  if (!to)
    throw new Conflict("transfer.illegal_transition", `Cannot ${event} a ${t.status} transfer.`, {
      from: t.status,
      event,
    });
  const lines = await tx.select().from(transferItems).where(eq(transferItems.transferId, t.id));
  const skus = await skusOf(
    tx,
    lines.map((l) => l.variantId),
  );
  const { reason, moves, setReason } = await body(t, lines, skus);
  const who = actorUserId(actor);
  await tx
    .update(transfers)
    .set({ status: to, updatedAt: now, ...(setReason ? { reason } : {}) })
    .where(eq(transfers.id, t.id));
  await tx.insert(transferEvents).values({
    transferId: t.id,
    fromStatus: t.status,
    toStatus: to,
    actorUserId: who,
    reason,
    createdAt: now,
  });
  await recordAudit(tx, actor, {
    action: `transfer.${event}`,
    targetType: "transfer",
    targetId: t.id,
    detail: { from: t.status, to, ...(reason ? { reason } : {}) },
  });
  const view = await loadTransferView(tx, actor, t.id);
  // Last: the stock rows stay locked only until COMMIT.
  try {
    await applyStockMoves(tx, moves.sort(compareStockKeys), who);
  } catch (e) {
    if (e instanceof InsufficientStock) {
      // The transaction is aborted now: name the variants from what was read before.
      throw new TransferStockShort(e.short.map((s) => ({ ...s, sku: skus.get(s.variantId) ?? s.variantId })));
    }
    throw e;
  }
  return view;
}

const at = (t: TransferAccessRow, side: "from" | "to", variantId: string) => ({
  locationId: side === "from" ? t.fromLocationId : t.toLocationId,
  variantId,
});

/** Approve: the quantities are reserved at the source (transfer_reserve), so customers cannot buy them. */
export function approveTransfer(tx: Tx, actor: Actor | null, id: unknown, raw: unknown) {
  return step(tx, actor, id, "approve", async (t, lines) => {
    const input = TransferStepInput.parse(raw);
    return {
      reason: input.note ?? null,
      moves: lines.map((l) =>
        reserveMove(at(t, "from", l.variantId), l.quantity, "transfer_reserve", REF, t.id),
      ),
    };
  });
}

/** Reject a requested transfer, saying why (nothing was reserved yet). */
export function rejectTransfer(tx: Tx, actor: Actor | null, id: unknown, raw: unknown) {
  return step(tx, actor, id, "reject", async () => {
    const input = RejectTransferInput.parse(raw);
    return { reason: input.reason, moves: [], setReason: true };
  });
}

/** Cancel a requested or approved transfer; after approval the reservation is released (transfer_release). */
export function cancelTransfer(tx: Tx, actor: Actor | null, id: unknown, raw: unknown) {
  return step(tx, actor, id, "cancel", async (t, lines) => {
    const input = CancelTransferInput.parse(raw);
    const moves =
      t.status === "approved"
        ? lines.map((l) => releaseMove(at(t, "from", l.variantId), l.quantity, "transfer_release", REF, t.id))
        : [];
    return { reason: input.reason || null, moves, setReason: true };
  });
}

/** Ship: every line leaves in full; on hand and reserved leave the source (transfer_out). In transit it counts nowhere. */
export function shipTransfer(tx: Tx, actor: Actor | null, id: unknown, raw: unknown) {
  return step(tx, actor, id, "ship", async (t, lines) => {
    const input = TransferStepInput.parse(raw);
    await tx
      .update(transferItems)
      .set({ shipped: sql`${transferItems.quantity}` })
      .where(eq(transferItems.transferId, t.id));
    return {
      reason: input.note ?? null,
      moves: lines.map((l) => shipMove(at(t, "from", l.variantId), l.quantity, "transfer_out", REF, t.id)),
    };
  });
}

/**
 * Receive at the destination: on hand += received (transfer_in; the level row is created if missing).
 * Default: all shipped. received ≤ shipped (more is 422); the shortfall stays on the line and is named
 * in the event's reason.
 */
export function receiveTransfer(tx: Tx, actor: Actor | null, id: unknown, raw: unknown) {
  return step(tx, actor, id, "receive", async (t, lines, skus) => {
    const input = ReceiveTransferInput.parse(raw);
    const errors: Record<string, string> = {};
    const given = new Map<string, number>();
    (input.items ?? []).forEach((item, i) => {
      const line = lines.find((l) => l.variantId === item.variantId);
      if (!line) errors[`items.${i}.variantId`] = "This item is not on the transfer.";
      else if (item.quantity > line.shipped)
        errors[`items.${i}.quantity`] = `At most the ${line.shipped} shipped.`;
      else given.set(item.variantId, item.quantity);
    });
    if (Object.keys(errors).length > 0) throw new Invalid(errors);
    const received = lines.map((l) => ({ line: l, qty: given.get(l.variantId) ?? l.shipped }));
    for (const r of received) {
      await tx
        .update(transferItems)
        .set({ received: r.qty })
        .where(and(eq(transferItems.transferId, t.id), eq(transferItems.variantId, r.line.variantId)));
    }
    // In the global lock order, so two receipts creating the same new rows cannot deadlock on the inserts.
    const arriving = received
      .filter((r) => r.qty > 0)
      .sort((a, b) => compareStockKeys(at(t, "to", a.line.variantId), at(t, "to", b.line.variantId)));
    if (arriving.length > 0) {
      await tx
        .insert(stockLevels)
        .values(
          arriving.map((r) => ({
            locationId: t.toLocationId,
            variantId: r.line.variantId,
            onHand: 0,
            reserved: 0,
          })),
        )
        .onConflictDoNothing();
    }
    const short = received.filter((r) => r.qty < r.line.shipped);
    let reason = input.note ?? null;
    if (short.length > 0) {
      const list = short
        .map((r) => `${skus.get(r.line.variantId) ?? r.line.variantId} ${r.line.shipped - r.qty}`)
        .join(", ");
      reason = [`shortfall: ${list}`, reason].filter(Boolean).join("; ");
    }
    return {
      reason,
      moves: arriving.map((r) => ({
        ...at(t, "to", r.line.variantId),
        kind: "transfer_in" as const,
        onHandDelta: r.qty,
        reservedDelta: 0,
        refType: REF,
        refId: t.id,
      })),
    };
  });
}

const VERBS = {
  approve: approveTransfer,
  reject: rejectTransfer,
  ship: shipTransfer,
  receive: receiveTransfer,
  cancel: cancelTransfer,
} as const;

/** One step by name (for the staff pages' buttons); an unknown name is a 422. */
export function stepTransfer(
  tx: Tx,
  actor: Actor | null,
  event: unknown,
  id: unknown,
  raw: unknown,
): Promise<TransferView> {
  const verb =
    typeof event === "string" && Object.hasOwn(VERBS, event) ? VERBS[event as TransferEvent] : null;
  if (!verb) throw new Invalid({ event: "Unknown step." });
  return verb(tx, actor, id, raw);
}
