"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/session";
import { limitAction, runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import { stepTransfer } from "@/lib/inventory/advance-transfer";
import { createTransfer } from "@/lib/inventory/create-transfer";
import type { TransferEvent } from "@/lib/inventory/transfer-machine";

/** The transfers page of the one who acted (dealer or marketing). */
function revalidateTransfers(actor: UserActor | null) {
  if (actor) revalidatePath(`/${actor.role}/transfers`);
}

/** The request form: a new transfer into one of my hubs. */
export async function requestTransferAction(raw: unknown) {
  const actor = await currentActor();
  return runAction(async () => {
    await limitAction(actor, "create");
    const { transfer } = await inTransaction((tx) => createTransfer(tx, actor, raw));
    revalidateTransfers(actor);
    return transfer.id;
  });
}

/** A row's button: approve, reject, ship, receive or cancel (with a reason or received quantities). */
export async function stepTransferAction(id: string, event: TransferEvent, raw: unknown) {
  const actor = await currentActor();
  return runAction(async () => {
    const transfer = await inTransaction((tx) => stepTransfer(tx, actor, event, id, raw));
    revalidateTransfers(actor);
    return transfer.status;
  });
}
