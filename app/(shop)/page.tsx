import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";

export default async function ShopHome() {
  const t = await getTranslations("common");
  return <PageTitle title={t("brand")} subtitle={t("tagline")} />;
}
