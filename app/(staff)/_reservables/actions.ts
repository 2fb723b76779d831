"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/session";
import { Invalid } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import { checkInReservation, markNoShow } from "@/lib/reservations/attendance";
import { cancelReservable, cancelSlotDay } from "@/lib/reservations/cancel-reservable";
import { createPreorder, generateSlots } from "@/lib/reservations/create-reservables";

const PAGES = ["/dealer/reservables", "/marketing/reservables", "/seller/reservables"];
const refresh = () => PAGES.forEach((p) => revalidatePath(p));

export async function generateSlotsAction(input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const r = await inTransaction((tx) => generateSlots(tx, actor, input));
    refresh();
    return { created: r.created, skipped: r.skipped };
  });
}

export async function createPreorderAction(input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const r = await inTransaction((tx) => createPreorder(tx, actor, input));
    refresh();
    return r;
  });
}

export async function cancelReservableAction(reservableId: string, input: { reason: string }) {
  return runAction(async () => {
    const actor = await currentActor();
    const r = await cancelReservable(getDb(), actor, reservableId, input);
    refresh();
    return r;
  });
}

export async function cancelSlotDayAction(input: { locationId: string; date: string; reason: string }) {
  return runAction(async () => {
    const actor = await currentActor();
    const r = await cancelSlotDay(getDb(), actor, input);
    refresh();
    return r;
  });
}

/** An appointment's button: the customer came (`check_in`) or did not (`no_show`). */
export async function recordAttendanceAction(reservationId: string, what: "check_in" | "no_show") {
  return runAction(async () => {
    const actor = await currentActor();
    // A browser may send any value as `what`: anything but the two outcomes is refused, not a no-show.
    if (what !== "check_in" && what !== "no_show") throw new Invalid({ what: "Must be check_in or no_show." });
    const verb = what === "check_in" ? checkInReservation : markNoShow;
    const r = await inTransaction((tx) => verb(tx, actor, reservationId, {}));
    refresh();
    return r.attendance;
  });
}
