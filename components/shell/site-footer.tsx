import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("common");
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-col gap-1 px-4 py-6 text-xs text-slate-500 sm:px-6">
        <p className="font-semibold text-slate-700">{t("brand")}</p>
        <p>{t("footer")}</p>
      </div>
    </footer>
  );
}
