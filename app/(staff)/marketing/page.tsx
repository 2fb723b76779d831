import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";

export default async function MarketingHome() {
  const actor = await requirePageRole(["marketing"], "/marketing");
  const t = await getTranslations("nav");
  return <PageTitle title={t("dashboard")} subtitle={actor.name} />;
}
