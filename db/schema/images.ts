import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { id, now, ref } from "./columns";
import { products } from "./catalog";
import { users } from "./identity";

/** PostgreSQL `bytea`; postgres-js reads and writes it as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The photos of a product, stored in the database so that every app instance can serve them. `bytes`
 * is the normalized master (WebP, metadata stripped, upright, at most 1600 px on its long side) that
 * renditions are resized from; a row never changes after it is written (replacing a photo is a new id),
 * so its id can be cached forever. `position` orders a product's images from 0, without gaps.
 */
export const productImages = pgTable(
  "product_images",
  {
    id: id(),
    productId: ref(() => products.id, "cascade"),
    position: integer().notNull(),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    byteSize: integer().notNull(),
    bytes: bytea().notNull(),
    /** SHA-256 of `bytes`, hex: the ETag of every rendition. */
    sha256: text().notNull(),
    createdAt: now(),
    createdBy: ref(() => users.id),
  },
  (t) => [
    // Not unique: a reorder rewrites every position in one statement, which a non-deferrable unique
    // index would check row by row. The verbs keep positions dense under the product's row lock.
    index().on(t.productId, t.position),
    check("product_images_position_nonnegative", sql`${t.position} >= 0`),
    check("product_images_size_positive", sql`${t.width} > 0 and ${t.height} > 0 and ${t.byteSize} > 0`),
    check("product_images_byte_size", sql`${t.byteSize} = octet_length(${t.bytes})`),
  ],
);
