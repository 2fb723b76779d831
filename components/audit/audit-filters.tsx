import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { AuditAction, AuditActor } from "@/lib/audit";

export type AuditFilterValues = { actorId?: string; action?: string; from?: string; to?: string };

const control = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
const field = "flex flex-col gap-1 text-sm font-medium text-slate-700";

/**
 * The audit page's filters: a plain GET form, so the filters live in the URL (a reload, a link or the
 * back button keep the view) and work without JavaScript. Dates are Seoul calendar days.
 */
export function AuditFilters({
  basePath,
  actors,
  actions,
  values,
}: {
  basePath: string;
  actors: AuditActor[];
  actions: readonly AuditAction[];
  values: AuditFilterValues;
}) {
  const t = useTranslations("audit");
  const roles = useTranslations("nav.role");
  return (
    <form
      method="get"
      action={basePath}
      aria-label={t("filter.title")}
      className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className={field}>
        <label htmlFor="audit-actorId">{t("filter.actor")}</label>
        <select id="audit-actorId" name="actorId" defaultValue={values.actorId ?? ""} className={control}>
          <option value="">{t("filter.allActors")}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} · {roles(a.role)}
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="audit-action">{t("filter.action")}</label>
        <select id="audit-action" name="action" defaultValue={values.action ?? ""} className={control}>
          <option value="">{t("filter.allActions")}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="audit-from">{t("filter.from")}</label>
        <input type="date" id="audit-from" name="from" defaultValue={values.from ?? ""} className={control} />
      </div>
      <div className={field}>
        <label htmlFor="audit-to">{t("filter.to")}</label>
        <input type="date" id="audit-to" name="to" defaultValue={values.to ?? ""} className={control} />
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("filter.apply")}</Button>
        <Link
          href={basePath}
          className="inline-flex items-center rounded-lg px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
        >
          {t("filter.reset")}
        </Link>
      </div>
    </form>
  );
}
