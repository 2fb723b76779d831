import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CartView } from "@/components/orders/cart-view";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { getCart } from "@/lib/orders/cart-queries";

export async function generateMetadata() {
  const t = await getTranslations("cart");
  return { title: t("title") };
}

export default async function CartPage() {
  const actor = await requirePageRole(["customer"], "/cart");
  const [t, cart] = await Promise.all([getTranslations("cart"), getCart(getDb(), actor)]);
  return (
    <>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      {cart.lines.length === 0 ? (
        <Card className="py-16 text-center">
          <p className="text-lg font-semibold">{t("empty")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
          <Link
            href="/"
            className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {t("browse")}
          </Link>
        </Card>
      ) : (
        <CartView cart={cart} />
      )}
    </>
  );
}
