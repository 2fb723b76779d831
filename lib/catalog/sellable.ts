import { and, eq, isNotNull, sql } from "drizzle-orm";
import { variants } from "@/db/schema";

/**
 * A variant a customer may see and buy: active and priced. (Its product must also be on sale.)
 * Every customer-facing read filters on this, so it may read the price as a number.
 */
export const isSellable = and(eq(variants.active, true), isNotNull(variants.price))!;
/** The price of a variant filtered by `isSellable`: never null there. */
export const sellablePrice = sql<number>`${variants.price}`;
