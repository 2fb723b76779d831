import { describe, expect, it } from "vitest";
import { transferStatus } from "@/db/schema";
import {
  allowedTransferEvents,
  nextTransferStatus,
  stockEffectOf,
  transferEvents,
  type TransferStatus,
} from "./transfer-machine";

describe("transfer machine", () => {
  it("allows exactly the documented transitions", () => {
    const table: Record<string, TransferStatus | null> = {};
    for (const from of transferStatus.enumValues)
      for (const e of transferEvents) table[`${from}:${e}`] = nextTransferStatus(from, e);
    const allowed = Object.fromEntries(Object.entries(table).filter(([, to]) => to !== null));
    expect(allowed).toEqual({
      "requested:approve": "approved",
      "requested:reject": "rejected",
      "requested:cancel": "cancelled",
      "approved:ship": "in_transit",
      "approved:cancel": "cancelled",
      "in_transit:receive": "received",
      "in_transit:cancel": "cancelled",
    });
  });

  it("refuses repeating a step and anything after an end state", () => {
    expect(nextTransferStatus("approved", "approve")).toBeNull();
    expect(nextTransferStatus("in_transit", "ship")).toBeNull();
    expect(nextTransferStatus("received", "receive")).toBeNull();
    expect(nextTransferStatus("approved", "reject")).toBeNull();
    for (const end of ["received", "rejected", "cancelled"] as const)
      expect(allowedTransferEvents(end)).toEqual([]);
  });

  it("lists the next steps and their stock effects", () => {
    expect(allowedTransferEvents("requested")).toEqual(["approve", "reject", "cancel"]);
    expect(allowedTransferEvents("approved")).toEqual(["ship", "cancel"]);
    expect(stockEffectOf("requested", "approve")).toBe("reserve");
    expect(stockEffectOf("requested", "cancel")).toBeNull();
    expect(stockEffectOf("approved", "cancel")).toBe("release");
    expect(stockEffectOf("requested", "reject")).toBeNull();
    expect(stockEffectOf("approved", "ship")).toBe("ship");
    expect(stockEffectOf("in_transit", "receive")).toBe("receive");
    expect(allowedTransferEvents("in_transit")).toEqual(["receive", "cancel"]);
    expect(stockEffectOf("in_transit", "cancel")).toBe("return_or_write_off");
  });
});
