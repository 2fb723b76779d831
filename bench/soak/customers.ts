/**
 * The soak's anonymous visitors and customers: browse and search, cart, order (with an Idempotency-Key,
 * now and then sent again), cancel, reserve, pay, cancel a reservation. Paths as in API.md.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "../http-client";
import type { Recorder } from "./record";
import { chance, ok, pick, rand, think, type World } from "./world";

const address = {
  name: "소크 고객",
  phone: "010-0000-0000",
  line1: "서울특별시 강남구 강남대로 396",
  postalCode: "06232",
  region: "seoul",
};

type Availability = { locationId: string; kind: string; available: number }[];
type Reservable = { id: string; available: number };
type Reservation = { id: string; status: string };

/** An anonymous visitor: the storefront's pages and the catalog's JSON. */
export function anonymous(c: Client, rec: Recorder, w: World) {
  return async () => {
    const p = pick(w.stock)!;
    const r = Math.random();
    if (r < 0.25) await rec.call(c, "GET /", "GET", "/");
    else if (r < 0.5) await rec.call(c, "GET /products/{id}", "GET", `/products/${p.id}`);
    else if (r < 0.6) await rec.call(c, "GET /reservations/browse", "GET", "/reservations/browse");
    else if (r < 0.85)
      await rec.call(
        c,
        "GET /api/products?q=",
        "GET",
        `/api/products?q=${encodeURIComponent(pick(w.words)!)}`,
      );
    else if (r < 0.95) await rec.call(c, "GET /api/products/{id}", "GET", `/api/products/${p.id}`);
    else
      await rec.call(
        c,
        "GET /api/variants/{id}/availability",
        "GET",
        `/api/variants/${pick(p.variants)!.id}/availability`,
      );
  };
}

/** A signed-in customer: one journey is a search, a purchase, a reservation or a look at their own. */
export function customer(c: Client, rec: Recorder, w: World) {
  return async () => {
    const r = Math.random();
    if (r < 0.2) await search(c, rec, w);
    else if (r < 0.6) await buy(c, rec, w);
    else if (r < 0.9) await reserve(c, rec, w);
    else {
      await rec.call(c, "GET /api/orders", "GET", "/api/orders");
      await rec.call(c, "GET /api/reservations", "GET", "/api/reservations");
    }
  };
}

async function search(c: Client, rec: Recorder, w: World) {
  const found = ok<{ items: { id: string }[] }>(
    await rec.call(c, "GET /api/products?q=", "GET", `/api/products?q=${encodeURIComponent(pick(w.words)!)}`),
  );
  await think();
  const id = pick(found?.items ?? [])?.id ?? pick(w.stock)!.id;
  await rec.call(c, "GET /api/products/{id}", "GET", `/api/products/${id}`);
}

/** Product, availability, cart, order from a source that has it; then look at it, perhaps cancel it. */
async function buy(c: Client, rec: Recorder, w: World) {
  const p = pick(w.stock)!;
  const v = pick(p.variants)!;
  await rec.call(c, "GET /api/products/{id}", "GET", `/api/products/${p.id}`);
  const places = ok<Availability>(
    await rec.call(c, "GET /api/variants/{id}/availability", "GET", `/api/variants/${v.id}/availability`),
  );
  const quantity = 1 + rand(2);
  await think();
  await rec.call(c, "POST /api/cart/items", "POST", "/api/cart/items", { variantId: v.id, quantity });
  await rec.call(c, "GET /api/cart", "GET", "/api/cart");
  await think();
  // The retailer's own items ship from the place the customer picks (one that has them, when any does);
  // a marketplace seller's ship from its warehouse.
  let sourceLocationId: string | undefined;
  if (p.sellerId === w.retailerId) {
    const having = (places ?? []).filter((a) => a.kind !== "seller_warehouse" && a.available >= quantity);
    sourceLocationId =
      pick(having)?.locationId ?? pick(w.locations.filter((l) => l.kind !== "seller_warehouse"))!.id;
  }
  const body = {
    items: [{ variantId: v.id, quantity }],
    ...(sourceLocationId ? { sourceLocationId } : {}),
    shippingAddress: address,
  };
  const key = randomUUID();
  const placed = await rec.call(c, "POST /api/orders", "POST", "/api/orders", body, {
    "idempotency-key": key,
  });
  // Acknowledged the moment it is answered (the soak may end at the next request).
  const order = placed?.status === 201 ? (JSON.parse(placed.body) as { id: string }) : null;
  if (order) rec.acknowledged.orders.push(order.id);
  await rec.call(c, "DELETE /api/cart/items/{id}", "DELETE", `/api/cart/items/${v.id}`);
  if (!order) return;
  if (chance(0.1)) {
    // The same key and body again (a client that lost the answer): the first order, nothing new.
    const again = await rec.call(c, "POST /api/orders", "POST", "/api/orders", body, {
      "idempotency-key": key,
    });
    // No answer is an error and a 429 a refusal (both counted as such); any other answer is a replay.
    if (again && again.status !== 429) {
      rec.replays.sent++;
      if (again.status === 200 && (JSON.parse(again.body) as { id: string }).id === order.id)
        rec.replays.matched++;
      else
        rec.broken.push(
          `an Idempotency-Key replay of order ${order.id} answered ${again.status}: ${again.body.slice(0, 200)}`,
        );
    }
  }
  await think();
  await rec.call(c, "GET /api/orders/{id}", "GET", `/api/orders/${order.id}`);
  if (chance(0.25))
    await rec.call(c, "POST /api/orders/{id}/cancel", "POST", `/api/orders/${order.id}/cancel`, {});
}

/** A reservable with room; wait for the worker's decision; pay most confirmed ones; cancel some. */
async function reserve(c: Client, rec: Recorder, w: World) {
  const path = chance(0.5)
    ? "/api/reservables?kind=preorder"
    : `/api/reservables?productId=${pick(w.reservation)!.id}`;
  const list = ok<Reservable[]>(await rec.call(c, "GET /api/reservables", "GET", path)) ?? [];
  const target = pick(list.filter((r) => r.available > 0)) ?? pick(list);
  if (!target) return;
  await think();
  const asked = await rec.call(
    c,
    "POST /api/reservations",
    "POST",
    "/api/reservations",
    { reservableId: target.id, quantity: 1 },
    {
      "idempotency-key": randomUUID(),
    },
  );
  if (asked?.status !== 202) return;
  const { id } = JSON.parse(asked.body) as Reservation;
  rec.acknowledged.reservations.push(id);
  let status = "pending";
  for (let i = 0; i < 20 && status === "pending"; i++) {
    await new Promise((r) => setTimeout(r, 150 + i * 50));
    status =
      ok<Reservation>(await rec.call(c, "GET /api/reservations/{id}", "GET", `/api/reservations/${id}`))
        ?.status ?? status;
  }
  if (status === "confirmed" && chance(0.8)) {
    await think();
    const paid = await rec.call(
      c,
      "POST /api/reservations/{id}/pay",
      "POST",
      `/api/reservations/${id}/pay`,
      {},
    );
    if (paid?.status === 200) status = "paid";
  }
  if ((status === "confirmed" || status === "paid") && chance(0.2)) {
    await think();
    await rec.call(c, "POST /api/reservations/{id}/cancel", "POST", `/api/reservations/${id}/cancel`, {});
  }
}
