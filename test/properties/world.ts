import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { addProductImage } from "@/lib/catalog/add-product-image";
import { normalizeImage } from "@/lib/catalog/image-master";
import { POST as placeOrder } from "@/app/api/orders/route";
import { POST as requestReservation } from "@/app/api/reservations/route";
import { PUT as setOptions } from "@/app/api/seller-products/[id]/options/route";
import { POST as requestTransfer } from "@/app/api/transfers/route";
import { actorFor, seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { makeProduct, picture } from "@/test/image-fixtures";
import { address, setStock } from "@/test/orders-fixtures";

export type Role = "customer" | "dealer" | "marketing" | "seller" | "anonymous";
export const ROLES: Role[] = ["customer", "dealer", "marketing", "seller", "anonymous"];

/**
 * The demo world plus one of each thing the writing routes act on (the seed has no orders, transfers,
 * reservations or images): so that a case reaches the verb's own checks, not only "no such id".
 * Made through the API itself, before the fingerprints are taken.
 */
export async function makeWorld(db: Db) {
  await seedDemo(db);
  const actors = { anonymous: null } as Record<Role, UserActor | null>;
  for (const role of ROLES.filter((r) => r !== "anonymous")) actors[role] = await actorFor(db, `${role}@demo.test`);
  const seller = actors.seller!;
  const one = async (q: ReturnType<typeof sql>, what: string) => {
    const [row] = await db.execute<{ id: string }>(q);
    if (!row) throw new Error(`the demo world has no ${what}`);
    return row.id;
  };
  const ids: Record<string, string> = {};
  ids.phone = await one(sql`select v.id from variants v join products p on p.id = v.product_id join organisations o on o.id = p.seller_id where p.status = 'on_sale' and p.type = 'stock' and o.kind = 'retailer' order by v.sku limit 1`, "retailer phone");
  ids.center = await one(sql`select id from locations where kind = 'logistics_center' order by code limit 1`, "logistics center");
  ids.dealerHub = await one(sql`select id from locations where operator_id = ${actors.dealer!.organisationId} order by code limit 1`, "dealer hub");
  ids.reservable = await one(sql`select id from reservables where status = 'open' and kind = 'slot' order by starts_at desc nulls last, id limit 1`, "open slot");
  const sellerVariant = await one(sql`select v.id from variants v join products p on p.id = v.product_id where p.seller_id = ${seller.organisationId} and p.status = 'on_sale' and p.type = 'stock' order by v.sku limit 1`, "seller's variant");
  const warehouse = await one(sql`select id from locations where operator_id = ${seller.organisationId} and kind = 'seller_warehouse' limit 1`, "seller's warehouse");
  await setStock(db, ids.center, ids.phone, 50);
  await setStock(db, warehouse, sellerVariant, 50);

  const ok = (what: string, res: { status: number; body: unknown }) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  ids.order = ok("an order", await call(placeOrder, { as: actors.customer, body: { items: [{ variantId: sellerVariant, quantity: 1 }], shippingAddress: address() } })).id;
  ids.sellerOrder = await one(sql`select id from seller_orders where seller_id = ${seller.organisationId} limit 1`, "seller order");
  ids.transfer = ok("a transfer", await call(requestTransfer, { as: actors.dealer, body: { fromLocationId: ids.center, toLocationId: ids.dealerHub, items: [{ variantId: ids.phone, quantity: 1 }] } })).id;
  ids.reservation = ok("a reservation", await call(requestReservation, { as: actors.customer, body: { reservableId: ids.reservable, quantity: 1 } })).id;

  // The seller's own draft: editable, with options (so variants) and two images.
  ids.product = (await makeProduct(db, seller)).id;
  ok("options", await call(setOptions, { method: "PUT", as: seller, params: { id: ids.product }, body: { groups: [{ nameKo: "색상", nameEn: "Colour", values: [{ valueKo: "검정", valueEn: "Black" }, { valueKo: "흰색", valueEn: "White" }] }] } }));
  ids.productVariant = await one(sql`select id from variants where product_id = ${ids.product} order by sku limit 1`, "draft's variant");
  const master = await normalizeImage(await picture(300, 200));
  for (const k of ["image1", "image2"])
    ids[k] = (await db.transaction((tx) => addProductImage(tx, seller, { productId: ids.product!, image: master }))).id;
  return { actors, ids };
}
