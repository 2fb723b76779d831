import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProductBasicsForm } from "@/components/catalog/product-basics-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";

export async function generateMetadata() {
  const t = await getTranslations("sellerCentre.new");
  return { title: t("title") };
}

export default async function NewProductPage() {
  await requirePageRole(["seller"], "/seller/products/new");
  const [t, tl, te] = await Promise.all([
    getTranslations("sellerCentre.new"),
    getTranslations("sellerCentre.list"),
    getTranslations("sellerCentre.editor"),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <nav aria-label={te("breadcrumb")} className="text-sm text-slate-500">
        <Link href="/seller" className="hover:text-ink hover:underline">
          {tl("title")}
        </Link>
        <span aria-hidden="true"> › </span>
        <span className="font-medium text-slate-700">{t("title")}</span>
      </nav>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <Card>
        <ProductBasicsForm />
      </Card>
    </div>
  );
}
