import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CheckoutForm } from "@/components/orders/checkout-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { checkoutData, SHIPPING_REGIONS } from "@/lib/orders/cart-queries";

export async function generateMetadata() {
  const t = await getTranslations("checkout");
  return { title: t("title") };
}

export default async function CheckoutPage() {
  const actor = await requirePageRole(["customer"], "/checkout");
  const [t, data] = await Promise.all([getTranslations("checkout"), checkoutData(getDb(), actor)]);
  const lines = data.cart.lines.filter((l) => l.orderable);
  return (
    <>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      {lines.length === 0 ? (
        <Card className="py-16 text-center">
          <p className="text-lg font-semibold">{t("emptyCart")}</p>
          <Link
            href="/cart"
            className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white"
          >
            {t("backToCart")}
          </Link>
        </Card>
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
