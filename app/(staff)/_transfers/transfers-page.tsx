import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ListSection, PageTitle } from "@/components/ui/card";
import { PillLink } from "@/components/ui/pill-link";
import { Disclosure } from "@/components/ui/disclosure";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { requirePageRole } from "@/lib/auth/guard";
import type { PageSearch } from "@/app/(staff)/_pages";
import { requestTransferAction, stepTransferAction } from "./actions";
import { transferStatuses, type TransferStatus } from "@/lib/inventory/transfer-machine";
import { listTransfers, transferFormOptions } from "@/lib/inventory/transfer-queries";
import { RequestTransferForm, type TransferPrefill } from "@/components/transfers/request-transfer-form";
import { TransferTable } from "@/components/transfers/transfer-table";
import { titleFrom } from "@/lib/http/page";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * `?from=&to=&items=variantId:qty,…` (the hub stock page's "request replenishment") opens the request
 * form filled in; what does not parse is left out, and the form names anything else on submit.
 */
function prefillOf(search: Record<string, string | string[] | undefined>): TransferPrefill | undefined {
  const from = one(search.from) || undefined;
  const to = one(search.to) || undefined;
  const items = (one(search.items) ?? "")
    .split(",")
    .map((pair) => /^([0-9a-f-]{36}):(\d{1,4})$/i.exec(pair.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .slice(0, 100)
    .map((m) => ({ variantId: m[1]!, quantity: Number(m[2]) }));
  if (!from && !to && items.length === 0) return undefined;
  return { fromLocationId: from, toLocationId: to, items };
}

/** The transfers page of a dealer or of marketing: filter by status, request stock, act on rows. */
export async function TransfersPage({
  role,
  searchParams,
}: {
  role: "dealer" | "marketing";
  searchParams: PageSearch;
}) {
  const base = `/${role}/transfers`;
  const actor = await requirePageRole([role], base);
  const search = await searchParams;
  const status = transferStatuses.find((s) => s === one(search.status));
  const prefill = prefillOf(search);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(search.page) ?? "1", 10) || 1));
  const db = getDb();
  const [list, options, t, locale] = await Promise.all([
    listTransfers(db, actor, { status, page: String(page), pageSize: "20" }),
    transferFormOptions(db, actor),
    getTranslations("transfers"),
    getLocale(),
  ]);
  const hrefFor = (p: { status?: TransferStatus; page?: number }) => {
    const q = new URLSearchParams();
    if (p.status) q.set("status", p.status);
    if (p.page && p.page > 1) q.set("page", String(p.page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <div className="flex flex-col gap-6">
      <PageTitle
        title={t("title")}
        subtitle={actor.role === "marketing" ? t("subtitleMarketing") : t("subtitleDealer")}
      />
      <Disclosure
        className="group rounded-2xl border border-slate-200 bg-white shadow-sm"
        initiallyOpen={list.total === 0 || prefill !== undefined}
        summary={
          <summary className="flex cursor-pointer list-none items-center justify-between gap-4 px-6 py-4 [&::-webkit-details-marker]:hidden">
            <span>
              <span className="block text-lg font-bold text-ink">{t("form.title")}</span>
              <span className="block text-sm text-slate-600">{t("form.help")}</span>
            </span>
            <span className="shrink-0 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white group-open:bg-slate-100 group-open:text-slate-700">
              <span className="group-open:hidden">+ {t("form.open")}</span>
              <span className="hidden group-open:inline">{t("form.close")}</span>
            </span>
          </summary>
        }
      >
        <div className="border-t border-slate-100 px-6 py-5">
          <RequestTransferForm
            options={options}
            locale={locale}
            action={requestTransferAction}
            prefill={prefill}
          />
        </div>
      </Disclosure>
      <ListSection
        id="transfers-list"
        title={t("listTitle")}
        count={t("count", { count: list.total })}
        filters={
          <nav aria-label={t("filter")} className="flex flex-wrap gap-2">
            <PillLink href={hrefFor({})} current={!status}>
              {t("all")}
            </PillLink>
            {transferStatuses.map((s) => (
              <PillLink key={s} href={hrefFor({ status: s })} current={status === s}>
                {t(`status.${s}`)}
              </PillLink>
            ))}
          </nav>
        }
      >
        <TransferTable rows={list.items} locale={locale} stepAction={stepTransferAction} />
        <PaginationLinks
          page={page}
          pages={Math.ceil(list.total / 20)}
          hrefFor={(p) => hrefFor({ status, page: p })}
          label={t("pages")}
        />
      </ListSection>
    </div>
  );
}

export const generateMetadata = titleFrom("transfers");
