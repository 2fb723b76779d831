import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { address } from "@/test/orders-fixtures";
import type { ActionResult } from "@/lib/http/action";
import { PRODUCT_STEPS } from "@/lib/catalog/transition-product";
import { CreateProductInput, SetOptionsInput, TransitionInput, UpdateProductInput, UpdateVariantInput } from "@/lib/catalog/product-schemas";
import { ReorderProductImagesInput } from "@/lib/catalog/image-schemas";
import { SignUpInput } from "@/lib/identity/schemas";
import { AdjustStockInput, ReceiveGoodsInput, SetReorderPointInput } from "@/lib/inventory/stock-ops-schemas";
import { CancelTransferInput, CreateTransferInput, ReceiveTransferInput, RejectTransferInput, TransferStepInput } from "@/lib/inventory/transfer-schemas";
import { AddToCartInput, CancelOrderInput, CancelSellerOrderInput, PlaceOrderInput, SetCartQuantityInput } from "@/lib/orders/schemas";
import { CancelReservableInput, CancelReservationInput, CancelSlotDayInput, CreatePreorderInput, GenerateSlotsInput, JoinWaitlistInput, PayReservationInput, RequestReservationInput } from "@/lib/reservations/schemas";
import { badParam, day, fingerprint, idsByKey, mutationOf, namesField, nasty, runs, soon, type Mutation } from "./fuzz";
import { makeWorld, ROLES, type Role } from "./world";

// The actions read the signed-in user and the request's headers from Next; here the test says who.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, refresh: () => {}, revalidateTag: () => {} }));

const cart = await import("@/app/(shop)/cart/actions");
const checkout = await import("@/app/(shop)/checkout/actions");
const shopOrders = await import("@/app/(shop)/orders/actions");
const shopReservations = await import("@/app/(shop)/reservations/actions");
const signup = await import("@/app/(auth)/signup/actions");
const fulfilment = await import("@/app/(staff)/_fulfilment/actions");
const productImages = await import("@/app/(staff)/_product-images/actions");
const products = await import("@/app/(staff)/_products/actions");
const staffReservables = await import("@/app/(staff)/_reservables/actions");
const stock = await import("@/app/(staff)/_stock/actions");
const staffTransfers = await import("@/app/(staff)/_transfers/actions");

/**
 * Property-based tests of every server action that writes (issue 14): a browser can call an action
 * with any arguments React can serialise, not only what the form sends. Near-valid and arbitrary
 * arguments, and every role: every result is a refusal with a client's code (never `internal`, the
 * 500 of the forms), `errors` naming the broken field, and the database exactly as before.
 * Arguments are only passed when the verb's own schema (or the action's rule) refuses them.
 */
const t = setupTestDb();

const actors = {} as Record<Role, UserActor | null>;

type Action = (...args: never[]) => Promise<ActionResult<unknown>>;
type Spec = {
  name: string;
  fn: Action;
  as: Role;
  valid: () => unknown[];
  /** Would the action take these arguments (so that it would write)? Such cases are not run. */
  accepts: (args: unknown[]) => boolean;
  /** The argument passed to the verb as its raw input: a 422's errors must name the broken field. */
  direct?: number;
  runs: number;
};

const { ids, id } = idsByKey();
const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success;
/** The id arguments at these positions are the valid ones (real, or at least the ones the case started from). */
const same = (args: unknown[], valid: unknown[], at: number[]) => at.every((i) => args[i] === valid[i]);
const str = (v: unknown): v is string => typeof v === "string";

const TRANSFER_BODIES = { approve: TransferStepInput, ship: TransferStepInput, reject: RejectTransferInput, receive: ReceiveTransferInput, cancel: CancelTransferInput };

const SPECS: Spec[] = [
  { name: "addToCartAction", fn: cart.addToCartAction as Action, as: "customer", runs: 800, valid: () => [id("phone"), 1], accepts: ([v, q]) => ok(AddToCartInput, { variantId: v, quantity: q }) },
  { name: "updateCartLineAction", fn: cart.updateCartLineAction as Action, as: "customer", runs: 800, valid: () => [id("phone"), 2], accepts: (a) => a[0] === id("phone") && ok(SetCartQuantityInput, { quantity: a[1] }) },
  { name: "removeCartLineAction", fn: cart.removeCartLineAction as Action, as: "customer", runs: 800, valid: () => [id("phone")], accepts: (a) => a[0] === id("phone") },
  { name: "placeOrderAction", fn: checkout.placeOrderAction as Action, as: "customer", runs: 800, direct: 0, valid: () => [{ items: [{ variantId: id("phone"), quantity: 1 }], sourceLocationId: id("center"), shippingAddress: address() }, "key-0123456789"], accepts: ([b, k]) => str(k) && k.length >= 8 && k.length <= 200 && ok(PlaceOrderInput, b) },
  { name: "cancelOrderAction", fn: shopOrders.cancelOrderAction as Action, as: "customer", runs: 800, valid: () => [id("order"), "changed my mind"], accepts: ([o, r]) => o === id("order") && ok(CancelOrderInput, str(r) && !r.trim() ? {} : { reason: r }) /* as the action maps it: no reason is fine */ },
  { name: "reserveAction", fn: shopReservations.reserveAction as Action, as: "customer", runs: 800, direct: 0, valid: () => [{ reservableId: id("reservable"), quantity: 1 }], accepts: ([i]) => ok(RequestReservationInput, i) },
  { name: "joinWaitlistAction", fn: shopReservations.joinWaitlistAction as Action, as: "customer", runs: 800, direct: 1, valid: () => [id("reservable"), { quantity: 1 }], accepts: (a) => a[0] === id("reservable") && ok(JoinWaitlistInput, a[1]) },
  { name: "payAction", fn: shopReservations.payAction as Action, as: "customer", runs: 800, direct: 1, valid: () => [id("reservation"), { cardNumber: "4242424242424242" }], accepts: (a) => a[0] === id("reservation") && ok(PayReservationInput, a[1]) },
  { name: "cancelAction (reservation)", fn: shopReservations.cancelAction as Action, as: "customer", runs: 800, direct: 1, valid: () => [id("reservation"), { reason: "x" }], accepts: (a) => a[0] === id("reservation") && ok(CancelReservationInput, a[1]) },
  { name: "signUpAction", fn: signup.signUpAction as Action, as: "anonymous", runs: 800, valid: () => [{ email: "new@example.com", password: "0123456789ab", name: "새 고객" }], accepts: () => false /* arguments become FormData below */ },
  { name: "generateSlotsAction", fn: staffReservables.generateSlotsAction as Action, as: "dealer", runs: 800, direct: 0, valid: () => [{ variantId: id("phone"), locationId: id("dealerHub"), fromDate: day(3), days: 1, dayStart: "10:00", dayEnd: "12:00", slotMinutes: 30, capacity: 2 }], accepts: ([i]) => ok(GenerateSlotsInput, i) },
  { name: "createPreorderAction", fn: staffReservables.createPreorderAction as Action, as: "marketing", runs: 800, direct: 0, valid: () => [{ variantId: id("phone"), locationId: id("center"), capacity: 10, opensAt: soon(1), launchAt: soon(3), cancelDeadline: soon(2) }], accepts: ([i]) => ok(CreatePreorderInput, i) },
  { name: "cancelReservableAction", fn: staffReservables.cancelReservableAction as Action, as: "marketing", runs: 800, direct: 1, valid: () => [id("reservable"), { reason: "off" }], accepts: (a) => a[0] === id("reservable") && ok(CancelReservableInput, a[1]) },
  { name: "cancelSlotDayAction", fn: staffReservables.cancelSlotDayAction as Action, as: "dealer", runs: 800, direct: 0, valid: () => [{ locationId: id("dealerHub"), date: day(2), reason: "closed" }], accepts: ([i]) => ok(CancelSlotDayInput, i) },
  { name: "recordAttendanceAction", fn: staffReservables.recordAttendanceAction as Action, as: "dealer", runs: 800, valid: () => [id("reservation"), "check_in"], accepts: (a) => a[0] === id("reservation") && (a[1] === "check_in" || a[1] === "no_show") },
  { name: "removeProductImageAction", fn: productImages.removeProductImageAction as Action, as: "seller", runs: 800, valid: () => [id("product"), id("image")], accepts: (a) => same(a, [id("product"), id("image")], [0, 1]) },
  { name: "reorderProductImagesAction", fn: productImages.reorderProductImagesAction as Action, as: "seller", runs: 800, valid: () => [id("product"), [id("image"), id("image2")]], accepts: (a) => a[0] === id("product") && ok(ReorderProductImagesInput, { productId: a[0], ids: a[1] }) },
  { name: "uploadProductImageAction", fn: productImages.uploadProductImageAction as Action, as: "seller", runs: 800, valid: () => [id("product"), "form"], accepts: () => false /* no case is an image */ },
  { name: "fulfilmentStepAction", fn: fulfilment.fulfilmentStepAction as Action, as: "seller", runs: 800, valid: () => [id("sellerOrder"), "accept"], accepts: (a) => a[0] === id("sellerOrder") && str(a[1]) && ["accept", "pack", "ship", "deliver"].includes(a[1]) },
  { name: "cancelSellerOrderAction", fn: fulfilment.cancelSellerOrderAction as Action, as: "seller", runs: 800, valid: () => [id("sellerOrder"), "no stock"], accepts: (a) => a[0] === id("sellerOrder") && ok(CancelSellerOrderInput, { reason: a[1] }) },
  { name: "requestTransferAction", fn: staffTransfers.requestTransferAction as Action, as: "dealer", runs: 800, direct: 0, valid: () => [{ fromLocationId: id("center"), toLocationId: id("dealerHub"), items: [{ variantId: id("phone"), quantity: 2 }] }], accepts: ([i]) => ok(CreateTransferInput, i) },
  { name: "stepTransferAction", fn: staffTransfers.stepTransferAction as Action, as: "marketing", runs: 800, direct: 2, valid: () => [id("transfer"), "reject", { reason: "no" }], accepts: (a) => a[0] === id("transfer") && str(a[1]) && Object.hasOwn(TRANSFER_BODIES, a[1]) && ok(TRANSFER_BODIES[a[1] as keyof typeof TRANSFER_BODIES], a[2]) },
  { name: "createProductAction", fn: products.createProductAction as Action, as: "seller", runs: 800, direct: 0, valid: () => [{ nameKo: "새 상품", nameEn: "New", category: "accessory", type: "stock" }], accepts: ([i]) => ok(CreateProductInput, i) },
  { name: "updateProductAction", fn: products.updateProductAction as Action, as: "seller", runs: 800, direct: 1, valid: () => [id("product"), { nameEn: "Renamed" }], accepts: (a) => a[0] === id("product") && ok(UpdateProductInput, a[1]) },
  { name: "setOptionsAction", fn: products.setOptionsAction as Action, as: "seller", runs: 800, direct: 1, valid: () => [id("product"), { groups: [{ nameKo: "색상", nameEn: "Colour", values: [{ valueKo: "검정", valueEn: "Black" }] }] }], accepts: (a) => a[0] === id("product") && ok(SetOptionsInput, a[1]) },
  { name: "updateVariantAction", fn: products.updateVariantAction as Action, as: "seller", runs: 800, direct: 2, valid: () => [id("product"), id("productVariant"), { price: 1000 }], accepts: (a) => same(a, [id("product"), id("productVariant")], [0, 1]) && ok(UpdateVariantInput, a[2]) },
  { name: "productStepAction", fn: products.productStepAction as Action, as: "seller", runs: 800, direct: 2, valid: () => [id("product"), "submit", {}], accepts: (a) => a[0] === id("product") && str(a[1]) && Object.hasOwn(PRODUCT_STEPS, a[1]) && ok(TransitionInput, a[2] ?? {}) },
  { name: "receiveGoodsAction", fn: stock.receiveGoodsAction as Action, as: "dealer", runs: 800, direct: 1, valid: () => [id("dealerHub"), { items: [{ variantId: id("phone"), quantity: 5 }], reference: "DN-1" }], accepts: (a) => a[0] === id("dealerHub") && ok(ReceiveGoodsInput, a[1]) },
  { name: "adjustStockAction", fn: stock.adjustStockAction as Action, as: "dealer", runs: 800, direct: 1, valid: () => [id("dealerHub"), { variantId: id("phone"), expectedOnHand: 0, onHand: 1, reason: "count" }], accepts: (a) => a[0] === id("dealerHub") && ok(AdjustStockInput, a[1]) },
  { name: "setReorderPointAction", fn: stock.setReorderPointAction as Action, as: "dealer", runs: 800, direct: 1, valid: () => [id("dealerHub"), { variantId: id("phone"), reorderPoint: 5 }], accepts: (a) => a[0] === id("dealerHub") && ok(SetReorderPointInput, a[1]) },
];

/** What React can hand an action besides JSON: undefined, NaN, ±Infinity, BigInt, Date, Map, Set, bytes. */
const exotic: fc.Arbitrary<unknown> = fc.constantFrom(undefined, NaN, Infinity, -Infinity, 10n, new Date(0), new Date(NaN), new Map([["a", 1]]), new Set([1]), new Uint8Array([1, 2]), new FormData());
const anyValue = fc.oneof({ weight: 4, arbitrary: nasty }, { weight: 2, arbitrary: badParam }, { weight: 1, arbitrary: exotic });

type Case = { args: unknown[]; at: number; mutation?: Mutation };
/** One argument faulted: an object one mutated (mutationOf), any other replaced by any value. */
function casesOf(valid: unknown[]): fc.Arbitrary<Case> {
  return fc.nat({ max: valid.length - 1 }).chain((at) => {
    const v = valid[at];
    const replaced = anyValue.map((value): Case => ({ args: valid.map((x, i) => (i === at ? value : x)), at }));
    if (v === null || typeof v !== "object") return replaced;
    const mutated = mutationOf(v).map((m): Case => ({ args: valid.map((x, i) => (i === at ? m.value : x)), at, mutation: m }));
    return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: replaced });
  });
}

/** Sign-up takes the browser's FormData: its fields mutated, or no FormData at all. */
function signUpCases(valid: Record<string, unknown>): fc.Arbitrary<Case> {
  const asForm = mutationOf(valid).map((m): Case => {
    const form = new FormData();
    const value = m.value;
    if (value && typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) form.append(k, typeof v === "string" ? v : JSON.stringify(v) ?? "");
    return { args: [form], at: 0, mutation: m };
  }).filter(({ args }) => {
    const f = args[0] as FormData;
    return !ok(SignUpInput, { email: f.get("email"), password: f.get("password"), name: f.get("name") });
  });
  return fc.oneof({ weight: 3, arbitrary: asForm }, { weight: 1, arbitrary: anyValue.map((v): Case => ({ args: [v], at: 0 })) });
}

/** Upload cases: not FormData, FormData without a file, or a file of bytes that are no image. */
const uploadCases: fc.Arbitrary<Case> = fc.oneof(
  anyValue.map((v): Case => ({ args: [id("product"), v], at: 1 })),
  fc.record({ field: fc.oneof(fc.constant("file"), fc.string({ maxLength: 8 })), bytes: fc.uint8Array({ maxLength: 2048 }), asText: fc.boolean() }).map(({ field, bytes, asText }): Case => {
    const form = new FormData();
    if (asText) form.append(field, new TextDecoder().decode(bytes));
    else form.append(field, new Blob([bytes]), "x.jpg");
    return { args: [id("product"), form], at: 1 };
  }),
  badParam.map((p): Case => ({ args: [p, new FormData()], at: 0 })),
);

const roleArb = (spec: Spec) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(spec.as) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) });

const show = (v: unknown) => {
  try {
    return (JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x)) ?? String(v)).slice(0, 200);
  } catch {
    return String(v);
  }
};

beforeAll(async () => {
  process.env.HUB_RATE_LIMITS = "off"; // counting is tested elsewhere; here it would only answer 429
  const world = await makeWorld(t.db);
  Object.assign(ids, world.ids);
  Object.assign(actors, world.actors);
  ids.image = world.ids.image1!;
});

let total = 0;
afterAll(() => {
  console.info(`[properties] ${total} action cases`);
});

describe.each(SPECS)("$name", (spec) => {
  let before: Record<string, string>;
  beforeAll(async () => {
    before = await fingerprint(t.db);
  });

  if (spec.name !== "signUpAction" && spec.name !== "uploadProductImageAction") {
    it("the valid arguments the cases start from are taken (else the cases test nothing)", () => {
      expect(spec.accepts(spec.valid())).toBe(true);
    });
  }

  it("refuses every argument it must not take with a client's code, writing nothing", async () => {
    const cases =
      spec.name === "signUpAction"
        ? signUpCases(spec.valid()[0] as Record<string, unknown>)
        : spec.name === "uploadProductImageAction"
          ? uploadCases
          : casesOf(spec.valid());
    await fc.assert(
      fc.asyncProperty(cases, roleArb(spec), async (c, role) => {
        fc.pre(!spec.accepts(c.args));
        total++;
        session.actor = actors[role];
        const result = await (spec.fn as (...a: unknown[]) => Promise<ActionResult<unknown>>)(...c.args);
        const what = `${role} ${spec.name}(${c.args.map(show).join(", ")}) → ${show(result)}`;
        expect(result.ok, what).toBe(false);
        if (result.ok) return;
        expect(result.code, what).not.toBe("internal");
        if (result.code === "validation.invalid") {
          expect(Object.keys(result.errors ?? {}).length, what).toBeGreaterThan(0);
          if (c.at === spec.direct) expect(namesField(result.errors!, c.mutation), `${what}: not naming ${c.mutation?.path}`).toBe(true);
        }
      }),
      { numRuns: runs(spec.runs) },
    );
  });

  it("wrote nothing", async () => {
    expect(await fingerprint(t.db)).toEqual(before);
  });
});
