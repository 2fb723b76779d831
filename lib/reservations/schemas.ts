import { z } from "zod";
import { CardNumber } from "@/lib/payments/schemas";
import { Id, Note, Quantity, Reason, WholeNumber } from "@/lib/validation";

/** `POST /api/reservations`: one request for `quantity` of a reservable; the worker decides it. */
export const RequestReservationInput = z.strictObject({
  reservableId: Id,
  quantity: Quantity.default(1),
});
export type RequestReservationInput = z.infer<typeof RequestReservationInput>;

/** Without a card number, the shop's default test card (the fake provider approves it). */
export const PayReservationInput = z.strictObject({
  cardNumber: CardNumber.optional(),
});

export const CancelReservationInput = z.strictObject({ reason: Note.optional() });

export const JoinWaitlistInput = z.strictObject({
  quantity: Quantity.default(1),
});

export const CancelReservableInput = z.strictObject({ reason: Reason("Say why (customers see it).") });

const Capacity = WholeNumber(1, 100_000);
const Limit = WholeNumber(1, 1000);
const HoldMinutes = WholeNumber(1, 10_080, "minutes"); // a week
const Instant = z.iso
  .datetime({ offset: true, error: "Must be an ISO-8601 time with an offset." })
  .transform((s) => new Date(s));
const LocalDate = z.iso.date({ error: "Must be a date (YYYY-MM-DD)." });
const LocalTime = z
  .string({ error: "Must be a time (HH:MM)." })
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: "Must be a time (HH:MM)." });

/** A launch pre-order allocation (marketing, or the seller of the product). */
export const CreatePreorderInput = z
  .strictObject({
    variantId: Id,
    /**
     * Where the launch stock is and the pre-orders ship from once released: a logistics center or a
     * hub for the retailer's products, the seller's warehouse for a seller's. Without it the paid
     * pre-orders are not turned into orders (they stay paid).
     */
    locationId: Id.optional(),
    capacity: Capacity,
    perCustomerLimit: Limit.nullable().default(null),
    opensAt: Instant,
    launchAt: Instant,
    cancelDeadline: Instant,
    holdMinutes: HoldMinutes.default(15),
  })
  .refine((v) => v.opensAt < v.launchAt, { path: ["launchAt"], error: "Must be after the opening time." })
  .refine((v) => v.cancelDeadline <= v.launchAt, {
    path: ["cancelDeadline"],
    error: "Must not be after the launch.",
  });
export type CreatePreorderInput = z.infer<typeof CreatePreorderInput>;

/**
 * Appointment slots at one of the actor's hubs: every `slotMinutes` between `dayStart` and `dayEnd`
 * (Asia/Seoul) on `days` days from `fromDate`. One day of 30-minute slots from 10:00 to 18:00 is 16.
 */
export const GenerateSlotsInput = z
  .strictObject({
    variantId: Id,
    locationId: Id,
    fromDate: LocalDate,
    days: WholeNumber(1, 31),
    dayStart: LocalTime,
    dayEnd: LocalTime,
    slotMinutes: WholeNumber(10, 480, "minutes"),
    capacity: Capacity,
    perCustomerLimit: Limit.nullable().default(1),
    holdMinutes: HoldMinutes.default(30),
    cancelHoursBefore: WholeNumber(0, 168, "hours").default(2),
  })
  .refine((v) => v.dayStart < v.dayEnd, { path: ["dayEnd"], error: "Must be after the day's start." });
export type GenerateSlotsInput = z.infer<typeof GenerateSlotsInput>;

export const ReservablesQuery = z.strictObject({
  productId: Id.optional(),
  locationId: Id.optional(),
  kind: z.enum(["slot", "preorder"], { error: "Must be slot or preorder." }).optional(),
});

/** A hub's whole day of slots called off (Seoul date). */
export const CancelSlotDayInput = z.strictObject({
  locationId: Id,
  date: LocalDate,
  reason: CancelReservableInput.shape.reason,
});
