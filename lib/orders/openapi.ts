import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { locationKind, orderStatus, regions, sellerOrderStatus } from "@/db/schema";
import {
  IdempotencyHeader,
  IdParam,
  ItemLine,
  jsonBody,
  jsonResponse,
  pageOf,
  problems,
  Timestamp,
} from "@/lib/openapi/common";
import {
  AddToCartInput,
  CancelOrderInput,
  CancelSellerOrderInput,
  FulfilmentQueueQuery,
  FulfilmentStepInput,
  MyOrdersQuery,
  PlaceOrderInput,
  SetCartQuantityInput,
} from "./schemas";

/** Response shapes, for the description only (the handlers return what lib/orders builds). */
const LocationRef = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: z.enum(locationKind.enumValues),
    name: z.string(),
    nameEn: z.string(),
    region: z.string(),
  })
  .meta({ id: "LocationRef" });
const Address = z
  .object({
    name: z.string(),
    phone: z.string(),
    line1: z.string(),
    line2: z.string().nullable().optional(),
    postalCode: z.string(),
    region: z.enum(regions),
  })
  .meta({ id: "ShippingAddress" });
/** When a seller order reached each step, and why it was cancelled. */
const progress = {
  acceptedAt: Timestamp.nullable(),
  packedAt: Timestamp.nullable(),
  shippedAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
  cancelReason: z.string().nullable(),
};
const SellerOrder = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    sellerName: z.string(),
    sellerNameEn: z.string(),
    sourceLocationId: z.string(),
    sourceLocation: LocationRef,
    status: z.enum(sellerOrderStatus.enumValues),
    subtotal: z.number().int(),
    ...progress,
    events: z.array(
      z.object({
        fromStatus: z.enum(sellerOrderStatus.enumValues).nullable(),
        toStatus: z.enum(sellerOrderStatus.enumValues),
        at: Timestamp,
        by: z.enum(["customer", "staff", "system"]),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "SellerOrder" });
const Order = z
  .object({
    id: z.string(),
    status: z.enum(orderStatus.enumValues),
    total: z
      .number()
      .int()
      .describe("Σ price × quantity + shippingFee, KRW; for staff, of the parts they may see"),
    shippingFee: z.number().int(),
    sourceLocationId: z.string().nullable(),
    shippingAddress: Address,
    createdAt: Timestamp,
    cancelledAt: Timestamp.nullable(),
    cancelReason: z.string().nullable(),
    items: z.array(ItemLine.extend({ price: z.number().int(), sellerOrderId: z.string() })),
    sellerOrders: z.array(SellerOrder),
  })
  .meta({ id: "Order" });
const FulfilmentRow = z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: z.enum(sellerOrderStatus.enumValues),
    sellerId: z.string(),
    sourceLocation: LocationRef,
    subtotal: z.number().int(),
    createdAt: Timestamp,
    ...progress,
    shipTo: Address,
    items: z.array(
      z.object({
        variantId: z.string(),
        sku: z.string(),
        productName: z.string(),
        quantity: z.number().int(),
        price: z.number().int(),
      }),
    ),
    next: z
      .array(z.enum(["accept", "pack", "ship", "deliver", "cancel"]))
      .describe("The steps allowed from here"),
  })
  .meta({ id: "FulfilmentSellerOrder" });
const CartLine = z.object({
  variantId: z.string(),
  sku: z.string(),
  productId: z.string(),
  productName: z.string(),
  productNameEn: z.string(),
  optionsLabel: z.string(),
  optionsLabelEn: z.string(),
  price: z.number().int(),
  quantity: z.number().int(),
  lineTotal: z.number().int(),
  sellerId: z.string(),
  sellerName: z.string(),
  sellerNameEn: z.string(),
  sellerKind: z.enum(["retailer", "seller"]),
  orderable: z.boolean(),
});
const Cart = z
  .object({ lines: z.array(CartLine), total: z.number().int(), count: z.number().int() })
  .meta({ id: "Cart" });

const orderResponse = (description: string): ResponseConfig => jsonResponse(description, Order);
const VariantParam = z.object({ variantId: z.string() });
const cartLineResponse = jsonResponse(
  "The line",
  z.object({ variantId: z.string(), quantity: z.number().int() }),
);

export function registerOrdersApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "post",
    path: "/api/orders",
    tags: ["orders"],
    summary: "Place an order",
    description:
      "The retailer's own items ship from `sourceLocationId` (a logistics center, org HUB or dealer HUB); marketplace items from their seller's warehouse. " +
      "One seller order per seller. Stock rows are locked in one global order (location, variant) and reserved in the same transaction. " +
      "409 `order.insufficient_stock` names the short item and its source; 409 `order.product_unavailable` names an item whose product is no longer on sale (`sku`, `productNameEn`, `productStatus`), checked again inside the transaction. " +
      "`payment.cardNumber` is optional (default: an approving test card); the fake provider declines 4000 0000 0000 0002 (402 `payment.declined`, reason `card_declined`) " +
      "and 4000 0000 0000 9995 (`insufficient_funds`); a payment provider that does not answer is 402 reason `provider_unavailable`, nothing ordered. With `Idempotency-Key`, the same key and body return the first order (200, header `Idempotent-Replayed: true`); " +
      "the same key with a different body is 422 `idempotency.key_reused`.",
    request: { headers: IdempotencyHeader, body: jsonBody(PlaceOrderInput) },
    responses: {
      201: orderResponse("Placed"),
      200: orderResponse("The first order of this Idempotency-Key (nothing new reserved)"),
      ...problems(400, 401, 402, 403, 409, 422, 429),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/orders",
    tags: ["orders"],
    summary: "My orders, newest first",
    request: { query: MyOrdersQuery },
    responses: {
      200: jsonResponse(
        "A page of my orders",
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              status: z.enum(orderStatus.enumValues),
              total: z.number().int(),
              createdAt: Timestamp,
              itemCount: z.number().int(),
              firstItemName: z.string(),
              firstItemNameEn: z.string(),
              sellerOrderCount: z.number().int(),
            }),
          ),
          total: z.number().int(),
        }),
      ),
      ...problems(401, 403, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/orders/{id}",
    tags: ["orders"],
    summary: "One order: its customer sees all; staff see only their seller orders",
    request: { params: IdParam },
    responses: { 200: orderResponse("The order"), ...problems(401, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/orders/{id}/cancel",
    tags: ["orders"],
    summary: "Cancel my order before it ships: stock released, payment refunded per seller order",
    request: { params: IdParam, body: jsonBody(CancelOrderInput) },
    responses: { 200: orderResponse("Cancelled"), ...problems(400, 401, 403, 404, 409, 422) },
  });

  registry.registerPath({
    method: "get",
    path: "/api/seller-orders",
    tags: ["fulfilment"],
    summary: "The fulfilment queue of my organisation (seller orders shipping from the locations it runs)",
    request: { query: FulfilmentQueueQuery },
    responses: {
      200: jsonResponse(
        "A page of the queue",
        pageOf(FulfilmentRow).extend({ locations: z.array(LocationRef) }),
      ),
      ...problems(401, 403, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/seller-orders/{id}",
    tags: ["fulfilment"],
    summary: "One seller order, for the operator of its source or its seller",
    request: { params: IdParam },
    responses: { 200: jsonResponse("The seller order", FulfilmentRow), ...problems(401, 403, 404) },
  });
  for (const [step, summary] of [
    ["accept", "confirmed → accepted"],
    ["pack", "accepted → packed"],
    ["ship", "packed → shipped: reserved stock leaves (on hand and reserved go down, ledger rows)"],
    ["deliver", "shipped → delivered"],
  ] as const) {
    registry.registerPath({
      method: "post",
      path: `/api/seller-orders/{id}/${step}`,
      tags: ["fulfilment"],
      summary: `Fulfilment step ${summary}. Only the operator of the source (dealer: its dealer HUBs; marketing: org HUBs and centers; seller: its warehouse)`,
      request: { params: IdParam, body: jsonBody(FulfilmentStepInput) },
      responses: {
        200: jsonResponse("The seller order in its new state", FulfilmentRow),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    });
  }
  registry.registerPath({
    method: "post",
    path: "/api/seller-orders/{id}/cancel",
    tags: ["fulfilment"],
    summary:
      "Cancel one seller order before it ships (its seller or the operator of its source), with a reason: that part alone is refunded",
    request: { params: IdParam, body: jsonBody(CancelSellerOrderInput) },
    responses: { 200: jsonResponse("Cancelled", FulfilmentRow), ...problems(400, 401, 403, 404, 409, 422) },
  });

  registry.registerPath({
    method: "get",
    path: "/api/cart",
    tags: ["cart"],
    summary: "My cart",
    responses: { 200: jsonResponse("The cart", Cart), ...problems(401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/cart/items",
    tags: ["cart"],
    summary: "Add to my cart (adds to the line's quantity; a line holds at most 1,000)",
    request: { body: jsonBody(AddToCartInput) },
    responses: { 201: cartLineResponse, ...problems(400, 401, 403, 409, 422) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/cart/items/{variantId}",
    tags: ["cart"],
    summary: "Set a line's quantity",
    request: { params: VariantParam, body: jsonBody(SetCartQuantityInput) },
    responses: { 200: cartLineResponse, ...problems(400, 401, 403, 404, 422) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/cart/items/{variantId}",
    tags: ["cart"],
    summary: "Remove a line",
    request: { params: VariantParam },
    responses: { 204: { description: "Removed" }, ...problems(401, 403, 404) },
  });
}
