import { getTranslations } from "next-intl/server";
import { ProductBasicsForm } from "@/components/catalog/product-basics-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("sellerCentre.new");

export default async function NewProductPage() {
  await requirePageRole(["seller"], "/seller/products/new");
  const [t, tl] = await Promise.all([
    getTranslations("sellerCentre.new"),
    getTranslations("sellerCentre.list"),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <Breadcrumb trail={[{ href: "/seller", label: tl("title") }]} current={t("title")} />
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <Card>
        <ProductBasicsForm />
      </Card>
    </div>
  );
}
