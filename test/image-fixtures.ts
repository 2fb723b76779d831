import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Db, Tx } from "@/db/client";
import { organisations, products, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { addProductImage } from "@/lib/catalog/add-product-image";
import { normalizeImage } from "@/lib/catalog/image-master";

type Status = (typeof products.$inferSelect)["status"];
type Role = UserActor["role"];

/** A staff member of a fresh organisation (a marketplace seller unless told otherwise). */
export async function makeStaff(db: Db | Tx, role: Exclude<Role, "customer"> = "seller"): Promise<UserActor> {
  const kind = role === "seller" ? "seller" : role;
  const [org] = await db.insert(organisations).values({ kind, name: `조직 ${kind}`, nameEn: `Org ${kind}` }).returning();
  const email = `${role}-${randomUUID()}@test.dev`;
  const [u] = await db
    .insert(users)
    .values({ email, name: `Test ${role}`, role, organisationId: org!.id, passwordHash: "scrypt$x" })
    .returning();
  return { kind: "user", id: u!.id, email, name: u!.name, role, organisationId: org!.id };
}

/** A product of that seller, in the given state (draft by default), with no variants. */
export async function makeProduct(db: Db | Tx, seller: UserActor, status: Status = "draft") {
  const [p] = await db
    .insert(products)
    .values({ sellerId: seller.organisationId!, type: "stock", status, category: "accessory", brand: "Test", nameKo: "테스트 상품", nameEn: "Test product" })
    .returning();
  return p!;
}

/** A real picture of that size, drawn by sharp (a gradient, so resizing has something to do). */
export async function picture(width: number, height: number, format: "png" | "jpeg" | "webp" = "png"): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#0ea5e9"/><stop offset="1" stop-color="#7c3aed"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="50%" cy="50%" r="25%" fill="#fde68a"/></svg>`;
  return sharp(Buffer.from(svg))[format]().toBuffer();
}

/** A multipart body with one file, as a browser's file input sends it. */
export function uploadForm(bytes: Uint8Array, name = "photo.png", type = "image/png", field = "file"): FormData {
  const form = new FormData();
  form.append(field, new File([new Uint8Array(bytes)], name, { type }));
  return form;
}

/** A fresh seller's draft product with `n` images (300 × 200), stored as an upload stores them. */
export async function productWithImages(db: Db, n: number) {
  const seller = await makeStaff(db);
  const product = await makeProduct(db, seller);
  const master = await normalizeImage(await picture(300, 200));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await db.transaction((tx) => addProductImage(tx, seller, { productId: product.id, image: master }))).id);
  return { seller, product, ids };
}
