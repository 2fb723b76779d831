import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CartView } from "@/components/orders/cart-view";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { getCart } from "@/lib/orders/cart-queries";
import { EmptyState } from "@/components/ui/empty-state";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("cart");

export default async function CartPage() {
  const actor = await requirePageRole(["customer"], "/cart");
  const [t, cart] = await Promise.all([getTranslations("cart"), getCart(getDb(), actor)]);
  return (
    <>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      {cart.lines.length === 0 ? (
        <EmptyState title={t("empty")} hint={t("emptyHint")} action={{ href: "/", label: t("browse") }} />
      ) : (
        <CartView cart={cart} />
      )}
    </>
  );
}
