import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { auditRowViews } from "@/components/audit/audit-view";
import { ListSection, PageTitle } from "@/components/ui/card";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { AUDIT_ACTIONS, AuditQuery, auditActors, auditRefs, listAudit } from "@/lib/audit";
import { requirePageRole } from "@/lib/auth/guard";
import { formatFor } from "@/lib/format";
import { titleFrom } from "@/lib/http/page";

const BASE = "/marketing/audit";
const FILTERS = ["actorId", "action", "from", "to"] as const;
const PAGE_SIZE = 20;

export const generateMetadata = titleFrom("audit");

/** Marketing's audit trail: every staff action, newest first, filtered by actor, action and Seoul days. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(["marketing"], BASE);
  const search = await searchParams;
  // The form sends empty fields for "all"; they are no filter.
  const values: AuditFilterValues = Object.fromEntries(
    FILTERS.flatMap((k) => (typeof search[k] === "string" && search[k] ? [[k, search[k]]] : [])),
  );
  const page = typeof search.page === "string" ? search.page : "1";
  // A hand-edited URL with a bad filter shows the whole trail, saying so, rather than an error page.
  const valid = AuditQuery.safeParse({ ...values, page }).success;
  const query = valid ? { ...values, page, pageSize: String(PAGE_SIZE) } : { pageSize: String(PAGE_SIZE) };
  const db = getDb();
  const locale = await getLocale();
  const [list, actors, t, transferStatus, orderStatus, productStatus] = await Promise.all([
    listAudit(db, actor, query),
    auditActors(db, actor),
    getTranslations("audit"),
    getTranslations("transfers.status"),
    getTranslations("orderStatus"),
    getTranslations("catalog.labels.status"),
  ]);
  const format = formatFor(locale);
  // Formatting through the shop's one formatter (lib/format.ts): moments in Seoul, amounts in won.
  const rows = auditRowViews(list.items, await auditRefs(db, list.items), {
    t,
    status: { transfer: transferStatus, seller_order: orderStatus, product: productStatus },
    locale,
    moment: (at) => format.dateTime(at, "dateTime"),
    krw: format.krw,
  });
  const hrefFor = (p: number) => {
    const q = new URLSearchParams(valid ? values : {});
    if (p > 1) q.set("page", String(p));
    return q.size ? `${BASE}?${q}` : BASE;
  };
  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <AuditFilters basePath={BASE} actors={actors} actions={AUDIT_ACTIONS} values={valid ? values : {}} />
      {valid ? null : (
        <p
          role="alert"
          className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {t("invalidFilters")}
        </p>
      )}
      <ListSection id="audit-list" title={t("listTitle")} count={t("count", { count: list.total })}>
        <AuditTable rows={rows} />
        <PaginationLinks
          page={list.page}
          pages={Math.ceil(list.total / PAGE_SIZE)}
          hrefFor={hrefFor}
          label={t("pages")}
        />
      </ListSection>
    </div>
  );
}
