import Link from "next/link";
import { useTranslations } from "next-intl";

/** Where this page sits: links to the pages above it, then this page's name. */
export function Breadcrumb({
  trail,
  current,
}: {
  trail: { href: string; label: string }[];
  current: string;
}) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
      {trail.map((t) => (
        <span key={t.href}>
          <Link href={t.href} className="hover:text-ink hover:underline">
            {t.label}
          </Link>
          <span aria-hidden="true"> › </span>
        </span>
      ))}
      <span className="font-medium text-slate-700">{current}</span>
    </nav>
  );
}
