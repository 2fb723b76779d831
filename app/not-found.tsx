import { EmptyState } from "@/components/ui/empty-state";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <div className="mx-auto max-w-lg py-8">
      <EmptyState
        heading
        icon={<p className="mb-4 text-5xl font-bold text-slate-300">404</p>}
        title={t("notFound")}
        hint={t("notFoundText")}
        action={{ href: "/", label: t("goHome") }}
      />
    </div>
  );
}
