import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";

export default async function DealerHome() {
  const actor = await requirePageRole(["dealer"], "/dealer");
  const t = await getTranslations("nav");
  return <PageTitle title={t("dashboard")} subtitle={actor.name} />;
}
