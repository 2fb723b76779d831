import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { setupTestDb } from "@/test/db";
import { sessionCookie } from "@/test/http";
import { address } from "@/test/orders-fixtures";
import { PRODUCT_STEPS } from "@/lib/catalog/transition-product";
import { CreateProductInput, SetOptionsInput, TransitionInput, UpdateProductInput, UpdateVariantInput } from "@/lib/catalog/product-schemas";
import { ReorderProductImagesInput } from "@/lib/catalog/image-schemas";
import { SignUpInput } from "@/lib/identity/schemas";
import { AdjustStockInput, ReceiveGoodsInput } from "@/lib/inventory/stock-ops-schemas";
import { CancelTransferInput, CreateTransferInput, ReceiveTransferInput, RejectTransferInput, TransferStepInput } from "@/lib/inventory/transfer-schemas";
import { AddToCartInput, CancelOrderInput, CancelSellerOrderInput, FulfilmentStepInput, PlaceOrderInput, SetCartQuantityInput } from "@/lib/orders/schemas";
import { AttendanceInput } from "@/lib/reservations/attendance";
import { CancelReservableInput, CancelReservationInput, CancelSlotDayInput, CreatePreorderInput, GenerateSlotsInput, JoinWaitlistInput, PayReservationInput, RequestReservationInput } from "@/lib/reservations/schemas";
import { badParam, bodyOf, day, expectClientProblem, fingerprint, idsByKey, runs, soon } from "./fuzz";
import { makeWorld, ROLES, type Role } from "./world";

import * as cartItem from "@/app/api/cart/items/[variantId]/route";
import * as cartItems from "@/app/api/cart/items/route";
import * as adjustments from "@/app/api/locations/[id]/adjustments/route";
import * as receipts from "@/app/api/locations/[id]/receipts/route";
import * as orderCancel from "@/app/api/orders/[id]/cancel/route";
import * as orders from "@/app/api/orders/route";
import * as reservableCancel from "@/app/api/reservables/[id]/cancel/route";
import * as waitlist from "@/app/api/reservables/[id]/waitlist/route";
import * as cancelDay from "@/app/api/reservables/cancel-day/route";
import * as generate from "@/app/api/reservables/generate/route";
import * as reservables from "@/app/api/reservables/route";
import * as resCancel from "@/app/api/reservations/[id]/cancel/route";
import * as checkIn from "@/app/api/reservations/[id]/check-in/route";
import * as noShow from "@/app/api/reservations/[id]/no-show/route";
import * as pay from "@/app/api/reservations/[id]/pay/route";
import * as reservations from "@/app/api/reservations/route";
import * as soAccept from "@/app/api/seller-orders/[id]/accept/route";
import * as soCancel from "@/app/api/seller-orders/[id]/cancel/route";
import * as soDeliver from "@/app/api/seller-orders/[id]/deliver/route";
import * as soPack from "@/app/api/seller-orders/[id]/pack/route";
import * as soShip from "@/app/api/seller-orders/[id]/ship/route";
import * as productStep from "@/app/api/seller-products/[id]/[step]/route";
import * as imageOne from "@/app/api/seller-products/[id]/images/[imageId]/route";
import * as imageOrder from "@/app/api/seller-products/[id]/images/order/route";
import * as images from "@/app/api/seller-products/[id]/images/route";
import * as options from "@/app/api/seller-products/[id]/options/route";
import * as product from "@/app/api/seller-products/[id]/route";
import * as variant from "@/app/api/seller-products/[id]/variants/[variantId]/route";
import * as sellerProducts from "@/app/api/seller-products/route";
import * as signup from "@/app/api/signup/route";
import * as trApprove from "@/app/api/transfers/[id]/approve/route";
import * as trCancel from "@/app/api/transfers/[id]/cancel/route";
import * as trReceive from "@/app/api/transfers/[id]/receive/route";
import * as trReject from "@/app/api/transfers/[id]/reject/route";
import * as trShip from "@/app/api/transfers/[id]/ship/route";
import * as transfers from "@/app/api/transfers/route";

/**
 * Property-based tests of every route handler that writes (issue 14): thousands of near-valid and
 * arbitrary bodies, path parameters and actors; every answer is a 4xx problem+json (with `errors`
 * naming the broken field for a 422), never a 500, and the database is exactly as before.
 * A body is only sent when the verb's own schema refuses it (the oracle), so nothing may be written.
 */
const t = setupTestDb();

const cookies = {} as Record<Role, string | undefined>;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Spec = {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  handler: unknown;
  as: Role;
  /** Plausible path parameters (real ids where the demo has them). */
  params?: () => Record<string, string>;
  /** The body the verb parses: its schema (or what it is checked against), and one valid body. */
  body?: { valid: () => unknown; accepts?: (body: unknown, params: Record<string, string>) => boolean; schema?: z.ZodType };
  multipart?: true;
  /** Body cases (and the same again for parameter cases). */
  runs: number;
};

const { ids, id } = idsByKey();

const SPECS: Spec[] = [
  { method: "POST", path: "/api/orders", handler: orders.POST, as: "customer", runs: 1500, body: { schema: PlaceOrderInput, valid: () => ({ items: [{ variantId: id("phone"), quantity: 1 }], sourceLocationId: id("center"), shippingAddress: address(), payment: { cardNumber: "4242 4242 4242 4242" } }) } },
  { method: "POST", path: "/api/orders/[id]/cancel", handler: orderCancel.POST, as: "customer", runs: 700, params: () => ({ id: id("order") }), body: { schema: CancelOrderInput, valid: () => ({ reason: "changed my mind" }) } },
  { method: "POST", path: "/api/cart/items", handler: cartItems.POST, as: "customer", runs: 1000, body: { schema: AddToCartInput, valid: () => ({ variantId: id("phone"), quantity: 2 }) } },
  { method: "PATCH", path: "/api/cart/items/[variantId]", handler: cartItem.PATCH, as: "customer", runs: 700, params: () => ({ variantId: id("phone") }), body: { schema: SetCartQuantityInput, valid: () => ({ quantity: 3 }) } },
  { method: "DELETE", path: "/api/cart/items/[variantId]", handler: cartItem.DELETE, as: "customer", runs: 700, params: () => ({ variantId: id("phone") }) },
  { method: "POST", path: "/api/signup", handler: signup.POST, as: "anonymous", runs: 1000, body: { schema: SignUpInput, valid: () => ({ email: "new@example.com", password: "0123456789ab", name: "새 고객" }) } },
  { method: "POST", path: "/api/reservations", handler: reservations.POST, as: "customer", runs: 800, body: { schema: RequestReservationInput, valid: () => ({ reservableId: id("reservable"), quantity: 1 }) } },
  { method: "POST", path: "/api/reservations/[id]/pay", handler: pay.POST, as: "customer", runs: 700, params: () => ({ id: id("reservation") }), body: { schema: PayReservationInput, valid: () => ({ cardNumber: "4242424242424242" }) } },
  { method: "POST", path: "/api/reservations/[id]/cancel", handler: resCancel.POST, as: "customer", runs: 700, params: () => ({ id: id("reservation") }), body: { schema: CancelReservationInput, valid: () => ({ reason: "x" }) } },
  { method: "POST", path: "/api/reservations/[id]/check-in", handler: checkIn.POST, as: "dealer", runs: 700, params: () => ({ id: id("reservation") }), body: { schema: AttendanceInput, valid: () => ({ note: "came" }) } },
  { method: "POST", path: "/api/reservations/[id]/no-show", handler: noShow.POST, as: "dealer", runs: 700, params: () => ({ id: id("reservation") }), body: { schema: AttendanceInput, valid: () => ({ note: "absent" }) } },
  { method: "POST", path: "/api/reservables", handler: reservables.POST, as: "marketing", runs: 1000, body: { schema: CreatePreorderInput, valid: () => ({ variantId: id("phone"), locationId: id("center"), capacity: 10, perCustomerLimit: 2, opensAt: soon(1), launchAt: soon(3), cancelDeadline: soon(2), holdMinutes: 15 }) } },
  { method: "POST", path: "/api/reservables/[id]/cancel", handler: reservableCancel.POST, as: "marketing", runs: 700, params: () => ({ id: id("reservable") }), body: { schema: CancelReservableInput, valid: () => ({ reason: "called off" }) } },
  { method: "POST", path: "/api/reservables/[id]/waitlist", handler: waitlist.POST, as: "customer", runs: 700, params: () => ({ id: id("reservable") }), body: { schema: JoinWaitlistInput, valid: () => ({ quantity: 1 }) } },
  { method: "POST", path: "/api/reservables/cancel-day", handler: cancelDay.POST, as: "dealer", runs: 700, body: { schema: CancelSlotDayInput, valid: () => ({ locationId: id("dealerHub"), date: day(2), reason: "closed" }) } },
  { method: "POST", path: "/api/reservables/generate", handler: generate.POST, as: "dealer", runs: 1000, body: { schema: GenerateSlotsInput, valid: () => ({ variantId: id("phone"), locationId: id("dealerHub"), fromDate: day(3), days: 1, dayStart: "10:00", dayEnd: "12:00", slotMinutes: 30, capacity: 2, perCustomerLimit: 1, holdMinutes: 30, cancelHoursBefore: 2 }) } },
  { method: "POST", path: "/api/locations/[id]/receipts", handler: receipts.POST, as: "dealer", runs: 800, params: () => ({ id: id("dealerHub") }), body: { schema: ReceiveGoodsInput, valid: () => ({ items: [{ variantId: id("phone"), quantity: 5 }], reference: "DN-1" }) } },
  { method: "POST", path: "/api/locations/[id]/adjustments", handler: adjustments.POST, as: "dealer", runs: 800, params: () => ({ id: id("dealerHub") }), body: { schema: AdjustStockInput, valid: () => ({ variantId: id("phone"), expectedOnHand: 0, onHand: 1, reason: "count" }) } },
  { method: "POST", path: "/api/seller-orders/[id]/cancel", handler: soCancel.POST, as: "seller", runs: 700, params: () => ({ id: id("sellerOrder") }), body: { schema: CancelSellerOrderInput, valid: () => ({ reason: "no stock" }) } },
  ...(["accept", "pack", "ship", "deliver"] as const).map((step): Spec => ({ method: "POST", path: `/api/seller-orders/[id]/${step}`, handler: { accept: soAccept, pack: soPack, ship: soShip, deliver: soDeliver }[step].POST, as: "seller", runs: 700, params: () => ({ id: id("sellerOrder") }), body: { schema: FulfilmentStepInput, valid: () => ({ note: "ok" }) } })),
  { method: "POST", path: "/api/transfers", handler: transfers.POST, as: "dealer", runs: 1000, body: { schema: CreateTransferInput, valid: () => ({ fromLocationId: id("center"), toLocationId: id("dealerHub"), items: [{ variantId: id("phone"), quantity: 2 }], note: "restock" }) } },
  { method: "POST", path: "/api/transfers/[id]/approve", handler: trApprove.POST, as: "marketing", runs: 700, params: () => ({ id: id("transfer") }), body: { schema: TransferStepInput, valid: () => ({ note: "ok" }) } },
  { method: "POST", path: "/api/transfers/[id]/ship", handler: trShip.POST, as: "marketing", runs: 700, params: () => ({ id: id("transfer") }), body: { schema: TransferStepInput, valid: () => ({ note: "ok" }) } },
  { method: "POST", path: "/api/transfers/[id]/reject", handler: trReject.POST, as: "marketing", runs: 700, params: () => ({ id: id("transfer") }), body: { schema: RejectTransferInput, valid: () => ({ reason: "no" }) } },
  { method: "POST", path: "/api/transfers/[id]/receive", handler: trReceive.POST, as: "dealer", runs: 700, params: () => ({ id: id("transfer") }), body: { schema: ReceiveTransferInput, valid: () => ({ items: [{ variantId: id("phone"), quantity: 1 }], note: "ok" }) } },
  { method: "POST", path: "/api/transfers/[id]/cancel", handler: trCancel.POST, as: "dealer", runs: 700, params: () => ({ id: id("transfer") }), body: { schema: CancelTransferInput, valid: () => ({ reason: "x", lines: [{ variantId: id("phone"), disposition: "write_off", reason: "broken" }] }) } },
  { method: "POST", path: "/api/seller-products", handler: sellerProducts.POST, as: "seller", runs: 1000, body: { schema: CreateProductInput, valid: () => ({ nameKo: "새 상품", nameEn: "New product", category: "accessory", type: "stock", brand: "B", descriptionKo: "설명", descriptionEn: "About" }) } },
  { method: "PATCH", path: "/api/seller-products/[id]", handler: product.PATCH, as: "seller", runs: 800, params: () => ({ id: id("product") }), body: { schema: UpdateProductInput, valid: () => ({ nameEn: "Renamed", brand: "B2" }) } },
  { method: "PUT", path: "/api/seller-products/[id]/options", handler: options.PUT, as: "seller", runs: 800, params: () => ({ id: id("product") }), body: { schema: SetOptionsInput, valid: () => ({ groups: [{ nameKo: "색상", nameEn: "Colour", values: [{ valueKo: "검정", valueEn: "Black" }, { valueKo: "흰색", valueEn: "White" }] }] }) } },
  { method: "PATCH", path: "/api/seller-products/[id]/variants/[variantId]", handler: variant.PATCH, as: "seller", runs: 800, params: () => ({ id: id("product"), variantId: id("productVariant") }), body: { schema: UpdateVariantInput, valid: () => ({ sku: "FUZZ-1", price: 1000, active: true }) } },
  { method: "POST", path: "/api/seller-products/[id]/[step]", handler: productStep.POST, as: "seller", runs: 800, params: () => ({ id: id("product"), step: "submit" }), body: { schema: TransitionInput, valid: () => ({ reason: "ready" }) } },
  { method: "PUT", path: "/api/seller-products/[id]/images/order", handler: imageOrder.PUT, as: "seller", runs: 700, params: () => ({ id: id("product") }), body: { accepts: (b, p) => ReorderProductImagesInput.safeParse(Object.assign({}, b, { productId: p.id })).success, valid: () => ({ ids: [id("image1"), id("image2")] }) } },
  { method: "DELETE", path: "/api/seller-products/[id]/images/[imageId]", handler: imageOne.DELETE, as: "seller", runs: 700, params: () => ({ id: id("product"), imageId: id("image1") }) },
  { method: "POST", path: "/api/seller-products/[id]/images", handler: images.POST, as: "seller", runs: 700, params: () => ({ id: id("product") }), multipart: true },
];

/** Parameter cases must name nothing that exists, so a real id is never drawn for the fuzzed key. */
const REAL_STEPS = new Set(Object.keys(PRODUCT_STEPS));

function request(spec: Spec, role: Role, params: Record<string, string>, body?: { raw: string; type?: string } | FormData) {
  const url = new URL(spec.path.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(params[k] ?? "")), "http://localhost:3000");
  const headers: Record<string, string> = {};
  if (cookies[role]) headers.cookie = cookies[role]!;
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body) {
    headers["content-type"] = body.type ?? "application/json";
    payload = body.raw;
  }
  return new NextRequest(url, { method: spec.method, headers, body: payload });
}
const send = (spec: Spec, req: NextRequest, params: Record<string, string>) =>
  (spec.handler as Handler)(req, { params: Promise.resolve(params) });

const actorArb = (spec: Spec) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(spec.as) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) });

beforeAll(async () => {
  process.env.HUB_RATE_LIMITS = "off"; // counting is tested elsewhere; here it would only answer 429
  const world = await makeWorld(t.db);
  Object.assign(ids, world.ids);
  for (const role of ROLES) cookies[role] = world.actors[role] ? await sessionCookie(world.actors[role]) : undefined;
});

let before: Record<string, string>;
let total = 0;
afterAll(() => {
  console.info(`[properties] ${total} route cases`);
});

describe.each(SPECS)("$method $path", (spec) => {
  beforeAll(async () => {
    before = await fingerprint(t.db);
  });

  if (spec.body) {
    const body = spec.body;
    const accepts = (b: unknown, p: Record<string, string>) =>
      body.accepts ? body.accepts(b, p) : body.schema!.safeParse(b).success;

    it("the valid body the cases start from is valid (else the cases test nothing)", () => {
      const params = spec.params?.() ?? {};
      expect(accepts(body.valid(), params)).toBe(true);
    });

    it("answers every body its schema refuses with a 4xx problem+json", async () => {
      const params = spec.params?.() ?? {};
      await fc.assert(
        fc.asyncProperty(bodyOf(body.valid()), actorArb(spec), async (c, role) => {
          fc.pre(c.parsed === undefined || !accepts(c.parsed, params));
          total++;
          const res = await send(spec, request(spec, role, params, { raw: c.raw }), params);
          await expectClientProblem(res, `${role} ${spec.method} ${spec.path} ${c.raw.slice(0, 200)}`, c.mutation);
        }),
        { numRuns: runs(spec.runs) },
      );
    });
  }

  if (spec.params) {
    const keys = Object.keys(spec.params());
    it("answers path parameters that name nothing with a 4xx problem+json", async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...keys), badParam, actorArb(spec), async (key, value, role) => {
          fc.pre(!(key === "step" && REAL_STEPS.has(value)));
          total++;
          const params = { ...spec.params!(), [key]: value };
          const res = await send(spec, request(spec, role, params, spec.body ? { raw: JSON.stringify(spec.body.valid()) } : undefined), params);
          await expectClientProblem(res, `${role} ${spec.method} ${spec.path} ${key}=${JSON.stringify(value).slice(0, 100)}`);
        }),
        { numRuns: runs(Math.round(spec.runs / 2)) },
      );
    });
  }

  if (spec.multipart) {
    it("answers any upload that is no image, or not the one file field, with a 4xx problem+json", async () => {
      const params = spec.params!();
      const upload = fc.oneof(
        fc.record({ field: fc.oneof(fc.constant("file"), fc.string({ maxLength: 10 })), bytes: fc.uint8Array({ maxLength: 2048 }), asText: fc.boolean(), extra: fc.option(fc.string({ maxLength: 10 })) }).map(({ field, bytes, asText, extra }) => {
          const form = new FormData();
          if (asText) form.append(field, new TextDecoder().decode(bytes));
          else form.append(field, new Blob([bytes]), "x.png");
          if (extra !== null) form.append(extra, "1");
          return form as FormData | { raw: string; type: string };
        }),
        fc.record({ raw: fc.string({ maxLength: 200 }), type: fc.constantFrom("application/json", "multipart/form-data", "multipart/form-data; boundary=x", "image/png", "text/plain") }),
      );
      await fc.assert(
        fc.asyncProperty(upload, actorArb(spec), async (body, role) => {
          total++;
          const res = await send(spec, request(spec, role, params, body), params);
          await expectClientProblem(res, `${role} upload`);
        }),
        { numRuns: runs(spec.runs) },
      );
    });
  }

  it("wrote nothing", async () => {
    expect(await fingerprint(t.db)).toEqual(before);
  });
});
