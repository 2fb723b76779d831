import type { Db } from "@/db/client";
import { decidePending, type DecideResult } from "./decide-batch";
import { notifyChanged } from "./events";
import { releaseExpiredHolds } from "./expire-holds";
import { lockForSettle } from "./locked";
import { closeWaitlistIfOver, offerToWaitlist } from "./waitlist";

export type SettleResult = DecideResult & {
  skipped: boolean;
  expired: number;
  offered: number;
  closed: number;
};

const NOTHING = { decided: 0, confirmed: 0, rejected: 0, more: false, retryInMs: null };
const SKIPPED: SettleResult = {
  skipped: true,
  decided: 0,
  confirmed: 0,
  rejected: 0,
  more: false,
  retryInMs: null,
  expired: 0,
  offered: 0,
  closed: 0,
};

/**
 * Everything the worker does to one reservable, in one transaction under one lock of its row
 * (`FOR NO KEY UPDATE SKIP LOCKED`: a row another worker holds is skipped, never waited for):
 * release expired holds, offer the freed capacity to the waiting list, close the list once the
 * reservable has started or was called off, then decide a batch of pending requests in arrival
 * order. A NOTIFY in the same transaction tells the live views, on commit only.
 */
export async function settleReservable(
  db: Db,
  reservableId: string,
  opts: { limit?: number; graceMs?: number } = {},
): Promise<SettleResult> {
  return db.transaction(async (tx) => {
    const locked = await lockForSettle(tx, reservableId);
    if (!locked) return SKIPPED;
    const { r, work } = locked;
    const expired = work.dueHolds ? await releaseExpiredHolds(tx, r) : 0;
    const offered = work.waiting ? await offerToWaitlist(tx, r) : 0;
    const closed = work.waiting ? await closeWaitlistIfOver(tx, r) : 0;
    const decided = work.pending ? await decidePending(tx, r, opts) : NOTHING;
    if (expired + offered + closed + decided.decided > 0) await notifyChanged(tx, r.id);
    return { skipped: false, expired, offered, closed, ...decided };
  });
}
