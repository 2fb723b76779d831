"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { useFailureText } from "@/components/ui/failure-text";
import { useFormat } from "@/lib/format";
import { useEffect, useMemo, useState, useTransition } from "react";
import { cancelReservableAction } from "@/app/(staff)/_reservables/actions";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { ManagedReservable } from "@/lib/reservations/queries";
import { LiveDot } from "./status-badge";

type LiveCounts = Pick<ManagedReservable, "id" | "status" | "available" | "counts" | "cancelledReason">;

/** Live counts from /api/reservables/stream, merged over the rows the page was rendered with. */
function useLiveCounts(initial: ManagedReservable[]) {
  const [live, setLive] = useState<Map<string, LiveCounts>>(() => new Map());
  const [connected, setConnected] = useState(false);
  const rows = useMemo(
    () => initial.map((r) => (live.has(r.id) ? { ...r, ...live.get(r.id)! } : r)),
    [initial, live],
  );
  useEffect(() => {
    const es = new EventSource("/api/reservables/stream");
    es.addEventListener("snapshot", () => setConnected(true));
    es.addEventListener("error", () => setConnected(false));
    es.addEventListener("update", (e) => {
      const changed = JSON.parse((e as MessageEvent<string>).data) as LiveCounts[];
      setLive((cur) => new Map([...cur, ...changed.map((c) => [c.id, c] as const)]));
    });
    return () => es.close();
  }, []);
  return { rows, connected };
}

const col = createColumnHelper<ManagedReservable>();

export function StaffReservables({ initial }: { initial: ManagedReservable[] }) {
  const t = useTranslations("reservables");
  const format = useFormat();
  const locale = useLocale() as "ko" | "en";
  const { rows, connected } = useLiveCounts(initial);
  const [kind, setKind] = useState<"all" | "slot" | "preorder">("all");
  const [search, setSearch] = useState("");
  const [cancelling, setCancelling] = useState<ManagedReservable | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = useMemo(() => (kind === "all" ? rows : rows.filter((r) => r.kind === kind)), [rows, kind]);

  const columns = useMemo(
    () => [
      col.accessor("kind", {
        header: t("columns.kind"),
        cell: (c) => (
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${c.getValue() === "preorder" ? "bg-violet-100 text-violet-800" : "bg-sky-100 text-sky-800"}`}
          >
            {t(`kind.${c.getValue()}`)}
          </span>
        ),
      }),
      col.accessor((r) => `${r.productName[locale]} ${r.variantName[locale]}`, {
        id: "what",
        header: t("columns.what"),
        cell: (c) => (
          <div className="min-w-40">
            <div className="font-medium text-ink">{c.row.original.productName[locale]}</div>
            <div className="text-xs text-slate-500">
              {c.row.original.variantName[locale] || c.row.original.sku}
            </div>
          </div>
        ),
      }),
      col.accessor((r) => r.location?.name[locale] ?? "", {
        id: "where",
        header: t("columns.where"),
        // HUB names may wrap: in English the table must still fit a laptop's width with its actions.
        cell: (c) => <span className="block min-w-24">{c.getValue() || "—"}</span>,
      }),
      col.accessor("startsAt", {
        header: t("columns.when"),
        cell: (c) =>
          c.getValue() ? (
            <span className="whitespace-nowrap">{format.dateTime(c.getValue()!, "dateTime")}</span>
          ) : (
            "—"
          ),
      }),
      col.accessor("capacity", { header: t("columns.capacity"), cell: (c) => format.number(c.getValue()) }),
      col.accessor((r) => r.counts.pending, {
        id: "pending",
        header: t("columns.pending"),
        cell: (c) => <Count n={c.getValue()} tone="amber" />,
      }),
      col.accessor((r) => r.counts.confirmed, {
        id: "confirmed",
        header: t("columns.confirmed"),
        cell: (c) => <Count n={c.getValue()} tone="brand" />,
      }),
      col.accessor((r) => r.counts.paid, {
        id: "paid",
        header: t("columns.paid"),
        cell: (c) => <Count n={c.getValue()} tone="emerald" />,
      }),
      col.accessor((r) => r.counts.waiting, {
        id: "waiting",
        header: t("columns.waiting"),
        cell: (c) => <Count n={c.getValue()} tone="slate" />,
      }),
      col.accessor("available", {
        header: t("columns.available"),
        cell: (c) => <span className="font-semibold">{format.number(c.getValue())}</span>,
      }),
      col.accessor("status", {
        header: t("columns.status"),
        cell: (c) =>
          c.getValue() === "cancelled" ? (
            <span className="text-xs font-semibold text-red-700" title={c.row.original.cancelledReason}>
              {t("status.cancelled")}
            </span>
          ) : (
            <span className="text-xs font-semibold text-emerald-700">{t("status.open")}</span>
          ),
      }),
      col.display({
        id: "actions",
        header: t("columns.actions"),
        cell: (c) =>
          c.row.original.status === "open" ? (
            <Button
              variant="ghost"
              className="whitespace-nowrap !px-2 !py-1 !text-red-700"
              onClick={() => setCancelling(c.row.original)}
            >
              {t("cancelWhole")}
            </Button>
          ) : null,
      }),
    ],
    [t, format, locale],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <div className="inline-flex rounded-lg bg-slate-100 p-1">
          {(["all", "slot", "preorder"] as const).map((k) => (
            <button
              key={k}
              onClick={() => setKind(k)}
              className={`rounded-md px-3 py-1 text-sm font-medium ${kind === k ? "bg-white text-ink shadow-sm" : "text-slate-600"}`}
            >
              {k === "all" ? t("filterAll") : t(`kind.${k}`)}
            </button>
          ))}
        </div>
        <input
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className="w-56 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
        />
        <span className="ml-auto">
          <LiveDot connected={connected} />
        </span>
      </div>
      {notice ? (
        <p role="status" className="rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      <DataTable
        data={data}
        columns={columns}
        caption={t("title")}
        empty={t("none")}
        pageSize={20}
        sortable={false}
        globalFilter={search}
        getRowId={(r) => r.id}
        rowAttributes={(r) => ({ "data-testid": "reservable-row", "data-reservable-id": r.id })}
        rowClassName={(r) => (r.status === "cancelled" ? "bg-slate-50 text-slate-400" : "")}
      />
      {cancelling ? (
        <CancelWholeDialog
          r={cancelling}
          onClose={() => setCancelling(null)}
          onDone={(text) => {
            setCancelling(null);
            setNotice(text);
          }}
        />
      ) : null}
    </div>
  );
}

function Count({ n, tone }: { n: number; tone: "amber" | "brand" | "emerald" | "slate" }) {
  const colors = {
    amber: "text-amber-700",
    brand: "text-brand-700",
    emerald: "text-emerald-700",
    slate: "text-slate-600",
  };
  return (
    <span className={`tabular-nums ${n > 0 ? `font-semibold ${colors[tone]}` : "text-slate-400"}`}>{n}</span>
  );
}

function CancelWholeDialog({
  r,
  onClose,
  onDone,
}: {
  r: ManagedReservable;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const t = useTranslations("reservables");
  const tr = useTranslations("reservations");
  const failureText = useFailureText("reservations.errors");
  const format = useFormat();
  const locale = useLocale() as "ko" | "en";
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, start] = useTransition();
  return (
    <div
      className="fixed inset-0 z-40 grid place-items-center bg-slate-900/40 p-4"
      role="dialog"
      aria-modal="true"
      aria-labelledby="cancel-title"
    >
      <form
        className="w-full max-w-md rounded-2xl bg-white p-6 shadow-xl"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const out = await cancelReservableAction(r.id, { reason });
            if (out.ok)
              onDone(t("cancelled", { count: out.data.cancelledReservations, refunds: out.data.refunds }));
            else setError(out.errors?.reason ?? failureText(out));
          });
        }}
      >
        <h2 id="cancel-title" className="text-lg font-bold text-ink">
          {t("cancelWholeTitle", { kind: t(`kind.${r.kind}`) })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {r.productName[locale]}
          {r.location ? ` · ${r.location.name[locale]}` : ""}
          {r.startsAt ? ` · ${format.dateTime(r.startsAt, "dateTime")}` : ""}
        </p>
        <p className="mt-3 text-sm text-slate-700">{t("cancelWholeText")}</p>
        <label className="mt-4 flex flex-col gap-1 text-sm font-medium text-slate-700">
          {t("reason")}
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
            className="rounded-lg border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        {error ? (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {tr("keep")}
          </Button>
          <Button type="submit" variant="danger" disabled={busy}>
            {t("confirmCancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}
