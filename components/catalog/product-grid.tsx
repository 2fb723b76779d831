import type { ProductSummary } from "@/lib/catalog/schemas";
import { ProductCard } from "./product-card";

/**
 * Product cards in a responsive grid. `marketplaceNames` maps a marketplace seller's id to its name in
 * the page's language (the card then shows the seller); the retailer's own products carry none.
 */
export function ProductGrid({
  products,
  marketplaceNames,
  testId,
}: {
  products: ProductSummary[];
  marketplaceNames: Map<string, string>;
  testId?: string;
}) {
  return (
    <ul className="grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" data-testid={testId}>
      {products.map((p) => (
        <li key={p.id} className="flex">
          <ProductCard product={p} sellerName={marketplaceNames.get(p.sellerId)} />
        </li>
      ))}
    </ul>
  );
}
