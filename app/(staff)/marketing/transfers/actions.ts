"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/session";
import { limitAction, runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import { stepTransfer } from "@/lib/inventory/advance-transfer";
import { createTransfer } from "@/lib/inventory/create-transfer";
import type { TransferEvent } from "@/lib/inventory/transfer-machine";

/** The request form: a new transfer into one of my hubs. */
export async function requestTransferAction(raw: unknown) {
  const actor = await currentActor();
  return runAction(async () => {
    await limitAction(actor, "create");
    const { transfer } = await inTransaction((tx) => createTransfer(tx, actor, raw));
    revalidatePath("/marketing/transfers");
    return transfer.id;
  });
}

/** A row's button: approve, reject, ship, receive or cancel (with a reason or received quantities). */
export async function stepTransferAction(id: string, event: TransferEvent, raw: unknown) {
  const actor = await currentActor();
  return runAction(async () => {
    const transfer = await inTransaction((tx) => stepTransfer(tx, actor, event, id, raw));
    revalidatePath("/marketing/transfers");
    return transfer.status;
  });
}
