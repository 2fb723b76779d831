import { getTranslations } from "next-intl/server";
import { ProductBasicsForm } from "@/components/catalog/product-basics-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
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
      <Breadcrumb
        label={te("breadcrumb")}
        trail={[{ href: "/seller", label: tl("title") }]}
        current={t("title")}
      />
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <Card>
        <ProductBasicsForm />
      </Card>
    </div>
  );
}
