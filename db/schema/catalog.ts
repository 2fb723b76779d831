import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  boolean,
  jsonb,
  uuid,
} from "drizzle-orm/pg-core";
import { id, now, timestamps, ref, transition } from "./columns";
import { organisations, users } from "./identity";

export const productType = pgEnum("product_type", ["stock", "reservation"]);
export const productStatus = pgEnum("product_status", [
  "draft",
  "in_review",
  "approved",
  "on_sale",
  "paused",
  "discontinued",
]);
export const productCategory = pgEnum("product_category", [
  "phone",
  "tablet",
  "wearable",
  "router",
  "settop",
  "accessory",
  "service",
]);

export const products = pgTable(
  "products",
  {
    id: id(),
    sellerId: ref(() => organisations.id),
    type: productType().notNull(),
    status: productStatus().notNull().default("draft"),
    category: productCategory().notNull(),
    brand: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    descriptionKo: text().notNull().default(""),
    descriptionEn: text().notNull().default(""),
    /**
     * The 1- and 2-character grams of every word of both names (db/migrations/0008_search_grams.sql),
     * for partial-word search in Korean: docs/decisions/0008-korean-partial-search.md.
     */
    searchGrams: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`hub_search_grams("name_ko" || ' ' || "name_en")`),
    /**
     * The lowest and highest price of the product's sellable (active, priced) variants, null without any,
     * kept by a trigger on variants (db/migrations/0010_product_price_range.sql) so the listing sorts by
     * an index.
     */
    priceMin: integer(),
    priceMax: integer(),
    ...timestamps(),
  },
  (t) => [
    // The shop's listing order (category, then flagships first), with and without the type filter.
    index().on(t.status, t.category, t.priceMax.desc().nullsLast(), t.id),
    index().on(t.status, t.type, t.category, t.priceMax.desc().nullsLast(), t.id),
    // A seller's products: its storefront in the listing's order, and the seller centre's list.
    index().on(t.sellerId, t.status, t.category, t.priceMax.desc().nullsLast(), t.id),
    index().using("gin", t.searchGrams),
  ],
);

/**
 * The search's inverted index, one row per gram of a product's names (its `search_grams`) with the
 * listing's sort keys: the products holding one gram, in the shop's order (category, the dearest
 * first), are a range of one btree index, so a search reads its page without collecting every match.
 * Kept by a trigger on products (db/migrations/0015_search_gram_index.sql, which also creates that
 * index: it INCLUDEs columns, which this schema cannot say); docs/decisions/0008-korean-partial-search.md.
 */
export const productSearchGrams = pgTable(
  "product_search_grams",
  {
    gram: text().notNull(),
    productId: ref(() => products.id, "cascade"),
    status: productStatus().notNull(),
    category: productCategory().notNull(),
    priceMax: integer(),
    type: productType().notNull(),
    sellerId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.gram, t.productId] })],
);

/** Every lifecycle transition, with who, when and why. */
export const productStatusEvents = pgTable(
  "product_status_events",
  {
    id: id(),
    productId: ref(() => products.id, "cascade"),
    ...transition(productStatus, () => users.id),
    /** What the product contained when it was submitted for review (to show what changed since). */
    snapshot: jsonb(),
    createdAt: now(),
  },
  (t) => [index().on(t.productId, t.createdAt)],
);

export const optionGroups = pgTable(
  "option_groups",
  {
    id: id(),
    productId: ref(() => products.id, "cascade"),
    /** Stable machine name, the key of a variant's `options` in the API (e.g. `color`). */
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    position: integer().notNull().default(0),
    /** No longer offered, kept because a retired variant still refers to one of its values. */
    archived: boolean().notNull().default(false),
  },
  (t) => [index().on(t.productId)],
);

export const optionValues = pgTable(
  "option_values",
  {
    id: id(),
    groupId: ref(() => optionGroups.id, "cascade"),
    valueKo: text().notNull(),
    valueEn: text().notNull(),
    position: integer().notNull().default(0),
    /** See optionGroups.archived. */
    archived: boolean().notNull().default(false),
  },
  (t) => [index().on(t.groupId)],
);

export const variants = pgTable(
  "variants",
  {
    id: id(),
    productId: ref(() => products.id, "cascade"),
    sku: text().notNull().unique(),
    /** KRW; null until the seller sets it (a variant without a price cannot be sold). */
    price: integer(),
    /** Off: not offered. A variant that was ever stocked or ordered is retired this way, never deleted. */
    active: boolean().notNull().default(true),
    createdAt: now(),
  },
  (t) => [index().on(t.productId), check("variants_price_positive", sql`${t.price} > 0`)],
);

export const variantOptionValues = pgTable(
  "variant_option_values",
  {
    variantId: ref(() => variants.id, "cascade"),
    optionValueId: ref(() => optionValues.id, "cascade"),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.optionValueId] })],
);
