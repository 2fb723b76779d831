import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";

export default async function SellerHome() {
  const actor = await requirePageRole(["seller"], "/seller");
  const t = await getTranslations("nav");
  return <PageTitle title={t("dashboard")} subtitle={actor.name} />;
}
