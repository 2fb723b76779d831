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
  ) => Promise<{
    reason: string | null;
    moves: StockMove[];
    setReason?: boolean;
    /** What the audit row records besides the transition (a cancel's dispositions). */
    detail?: Record<string, unknown>;
  }>,
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
  const { reason, moves, setReason, detail } = await body(t, lines, skus);
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
    detail: { from: t.status, to, ...(reason ? { reason } : {}), ...detail },
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

/**
 * Cancel a transfer. Requested: nothing to undo. Approved: the reservation is released
 * (transfer_release). In transit (marketing or the source's operator): every shipped line needs one
 * decision in `lines` (422 naming the line otherwise): `return` puts the shipped quantity back on the
 * source's on hand (transfer_return), `write_off` records it lost with its reason (a write_off row at
 * the source with no delta: it left the source's on hand when it shipped). The transfer row's lock
 * makes a retry wait and then find it cancelled (409): nothing moves twice.
 */
export function cancelTransfer(tx: Tx, actor: Actor | null, id: unknown, raw: unknown) {
  return step(tx, actor, id, "cancel", async (t, lines, skus) => {
    const input = CancelTransferInput.parse(raw);
    if (t.status !== "in_transit") {
      if (input.lines !== undefined)
        throw new Invalid({ lines: "Only an in-transit transfer has shipped lines to decide." });
      const moves =
        t.status === "approved"
          ? lines.map((l) =>
              releaseMove(at(t, "from", l.variantId), l.quantity, "transfer_release", REF, t.id),
            )
          : [];
      return { reason: input.reason || null, moves, setReason: true };
    }
    const decided = decideShippedLines(
      lines.filter((l) => l.shipped > 0),
      input,
      skus,
    );
    for (const d of decided) {
      await tx
        .update(transferItems)
        .set({ disposition: d.disposition, dispositionReason: d.reason })
        .where(and(eq(transferItems.transferId, t.id), eq(transferItems.variantId, d.line.variantId)));
    }
    const summary = (["return", "write_off"] as const)
      .map((kind) => {
        const of = decided.filter((d) => d.disposition === kind);
        if (of.length === 0) return null;
        const list = of
          .map((d) => `${d.sku} ${d.line.shipped}${d.reason && kind === "write_off" ? ` (${d.reason})` : ""}`)
          .join(", ");
        return `${kind === "return" ? "returned" : "written off"}: ${list}`;
      })
      .filter(Boolean)
      .join("; ");
    return {
      reason: [summary, input.reason].filter(Boolean).join("; "),
      setReason: true,
      detail: {
        lines: decided.map((d) => ({
          variantId: d.line.variantId,
          sku: d.sku,
          quantity: d.line.shipped,
          disposition: d.disposition,
          ...(d.reason ? { reason: d.reason } : {}),
        })),
      },
      moves: decided.map((d) => ({
        ...at(t, "from", d.line.variantId),
        kind: d.disposition === "return" ? ("transfer_return" as const) : ("write_off" as const),
        onHandDelta: d.disposition === "return" ? d.line.shipped : 0,
        reservedDelta: 0,
        refType: REF,
        refId: t.id,
        note: d.reason,
      })),
    };
  });
}

/**
 * Matches a cancel's `lines` to the shipped lines: exactly one decision each. An unknown item names
 * its entry (`lines.2.variantId`); a shipped line left undecided is named under `lines`.
 */
function decideShippedLines(shipped: Line[], input: CancelTransferInput, skus: Map<string, string>) {
  if (input.lines === undefined)
    throw new Invalid({ lines: "Decide for each shipped line: return it to the source or write it off." });
  const errors: Record<string, string> = {};
  const given = new Map<string, { disposition: "return" | "write_off"; reason: string | null }>();
  input.lines.forEach((l, i) => {
    if (!shipped.some((s) => s.variantId === l.variantId))
      errors[`lines.${i}.variantId`] = "This item was not shipped on the transfer.";
    else given.set(l.variantId, { disposition: l.disposition, reason: l.reason || null });
  });
  const missing = shipped.filter((s) => !given.has(s.variantId));
  if (missing.length > 0)
    errors.lines = `Decide for ${missing.map((m) => skus.get(m.variantId) ?? m.variantId).join(", ")}: return it or write it off.`;
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return shipped.map((line) => ({
    line,
    sku: skus.get(line.variantId) ?? line.variantId,
    ...given.get(line.variantId)!,
  }));
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
