import { describe, expect, it } from "vitest";
import { orderStatusOf } from "./order-status";

describe("orderStatusOf", () => {
  it.each([
    [["confirmed"], "confirmed"],
    [["confirmed", "accepted"], "in_progress"],
    [["shipped", "packed"], "in_progress"],
    [["shipped", "delivered"], "shipped"],
    [["delivered", "delivered"], "delivered"],
    [["cancelled", "cancelled"], "cancelled"],
    [["cancelled", "confirmed"], "partially_cancelled"],
    [["cancelled", "packed"], "partially_cancelled"],
    [["cancelled", "shipped"], "shipped"],
    [["cancelled", "delivered"], "delivered"],
    [["payment_failed"], "payment_failed"],
  ] as const)("%j → %s", (parts, status) => {
    expect(orderStatusOf([...parts])).toBe(status);
  });
});
