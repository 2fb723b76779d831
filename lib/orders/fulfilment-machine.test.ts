import { describe, expect, it } from "vitest";
import { allowedEvents, nextSellerOrderStatus } from "./fulfilment-machine";

describe("the seller-order state machine", () => {
  it("walks confirmed → accepted → packed → shipped → delivered", () => {
    expect(nextSellerOrderStatus("confirmed", "accept")).toBe("accepted");
    expect(nextSellerOrderStatus("accepted", "pack")).toBe("packed");
    expect(nextSellerOrderStatus("packed", "ship")).toBe("shipped");
    expect(nextSellerOrderStatus("shipped", "deliver")).toBe("delivered");
  });
  it("allows cancelling only before shipping", () => {
    for (const s of ["confirmed", "accepted", "packed"] as const)
      expect(nextSellerOrderStatus(s, "cancel")).toBe("cancelled");
    for (const s of ["shipped", "delivered", "cancelled"] as const)
      expect(nextSellerOrderStatus(s, "cancel")).toBeNull();
  });
  it("refuses skipped and repeated steps", () => {
    expect(nextSellerOrderStatus("confirmed", "ship")).toBeNull();
    expect(nextSellerOrderStatus("accepted", "accept")).toBeNull();
    expect(nextSellerOrderStatus("delivered", "deliver")).toBeNull();
    expect(nextSellerOrderStatus("cancelled", "accept")).toBeNull();
  });
  it("lists the next steps for a queue row", () => {
    expect(allowedEvents("confirmed")).toEqual(["accept", "cancel"]);
    expect(allowedEvents("shipped")).toEqual(["deliver"]);
    expect(allowedEvents("delivered")).toEqual([]);
  });
});
