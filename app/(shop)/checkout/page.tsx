import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CheckoutForm } from "@/components/orders/checkout-form";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { checkoutData, SHIPPING_REGIONS } from "@/lib/orders/cart-queries";
import { EmptyState } from "@/components/ui/empty-state";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("checkout");

export default async function CheckoutPage() {
  const actor = await requirePageRole(["customer"], "/checkout");
  const [t, data] = await Promise.all([getTranslations("checkout"), checkoutData(getDb(), actor)]);
  const lines = data.cart.lines.filter((l) => l.orderable);
  return (
    <>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      {lines.length === 0 ? (
        <EmptyState title={t("emptyCart")} action={{ href: "/cart", label: t("backToCart") }} />
      ) : (
        <CheckoutForm
          lines={lines}
          candidates={data.candidates}
          sellers={data.sellers}
          regions={[...SHIPPING_REGIONS]}
          lastAddress={data.lastAddress}
          now={new Date().toISOString()}
        />
      )}
    </>
  );
}
