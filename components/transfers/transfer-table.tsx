"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useFailureText } from "@/components/ui/failure-text";
import { useFormat } from "@/lib/format";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { CancelInTransitDialog } from "./cancel-in-transit-dialog";
import type { ActionResult } from "@/lib/http/action";
import type { TransferEvent, TransferStatus } from "@/lib/inventory/transfer-machine";
import type { TransferView } from "@/lib/inventory/transfer-queries";
import { FormMessage } from "@/components/ui/form-message";

export type StepAction = (
  id: string,
  event: TransferEvent,
  raw: unknown,
) => Promise<ActionResult<TransferStatus>>;

const col = createColumnHelper<TransferView>();

export const STATUS_BADGE: Record<TransferStatus, string> = {
  requested: "bg-amber-50 text-amber-900 ring-amber-200",
  approved: "bg-sky-50 text-sky-800 ring-sky-200",
  in_transit: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  received: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rejected: "bg-red-50 text-red-800 ring-red-200",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** The transfers list: one row per transfer, with the steps this user may take as buttons. */
export function TransferTable({
  rows,
  locale,
  stepAction,
}: {
  rows: TransferView[];
  locale: string;
  stepAction: StepAction;
}) {
  const t = useTranslations("transfers");
  const format = useFormat();
  const [open, setOpen] = useState<{ id: string; event: TransferEvent } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = (l: { name: string; nameEn: string }) => (locale === "en" ? l.nameEn : l.name);

  const columns = [
    col.accessor("createdAt", {
      header: t("col.created"),
      cell: (c) => (
        <span className="whitespace-nowrap text-slate-600">{format.dateTime(c.getValue(), "dateTime")}</span>
      ),
    }),
    col.accessor((r) => name(r.fromLocation), {
      id: "route",
      header: t("col.route"),
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-48">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-400">
              {r.fromLocation.kind === "logistics_center" ? t("kind.replenishment") : t("kind.hubToHub")}
            </p>
            <p className="font-medium text-ink">
              {name(r.fromLocation)} <span className="text-slate-400">→</span> {name(r.toLocation)}
            </p>
            {r.note ? <p className="mt-0.5 text-xs text-slate-500">“{r.note}”</p> : null}
          </div>
        );
      },
    }),
    col.accessor((r) => r.items.reduce((s, i) => s + i.quantity, 0), {
      id: "items",
      header: t("col.items"),
      cell: (c) => (
        <ul className="min-w-56 space-y-1">
          {c.row.original.items.map((i) => (
            <li key={i.variantId} className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-ink">{locale === "en" ? i.productNameEn : i.productName}</span>
              <span className="font-mono text-xs text-slate-400">{i.sku}</span>
              <span className="tabular-nums font-semibold text-ink">× {format.number(i.quantity)}</span>
              {i.disposition ? (
                <span
                  className={`text-xs ${i.disposition === "write_off" ? "font-semibold text-red-700" : "text-slate-600"}`}
                >
                  {i.disposition === "write_off"
                    ? t("writtenOff", { n: i.shipped, reason: i.dispositionReason ?? "" })
                    : t("returned", { n: i.shipped })}
                </span>
              ) : null}
              {c.row.original.status === "received" ? (
                <span
                  className={`text-xs ${i.shortfall > 0 ? "font-semibold text-red-700" : "text-emerald-700"}`}
                >
                  {i.shortfall > 0
                    ? t("shortfallOf", { received: i.received, shortfall: i.shortfall })
                    : t("receivedAll")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ),
    }),
    col.accessor("status", {
      header: t("col.status"),
      cell: (c) => (
        <div className="flex flex-col items-start gap-1">
          <span
            className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_BADGE[c.getValue()]}`}
          >
            {t(`status.${c.getValue()}`)}
          </span>
          {c.row.original.reason ? (
            <span className="max-w-48 text-xs text-slate-500">{c.row.original.reason}</span>
          ) : null}
        </div>
      ),
    }),
    col.display({
      id: "actions",
      header: t("col.actions"),
      cell: (c) => (
        <RowActions
          row={c.row.original}
          open={open?.id === c.row.original.id ? open.event : null}
          setOpen={(event) => {
            setError(null);
            setOpen(event ? { id: c.row.original.id, event } : null);
          }}
          onError={setError}
          stepAction={stepAction}
          locale={locale}
        />
      ),
    }),
  ];

  return (
    <div className="flex flex-col gap-3">
      <FormMessage tone="error">{error}</FormMessage>
      <DataTable
        data={rows}
        columns={columns}
        caption={t("listTitle")}
        empty={t("empty")}
        getRowId={(r) => r.id}
        testId="transfers-table"
      />
    </div>
  );
}

const NEEDS_INPUT: TransferEvent[] = ["reject", "cancel", "receive"];

function RowActions({
  row,
  open,
  setOpen,
  onError,
  stepAction,
  locale,
}: {
  row: TransferView;
  open: TransferEvent | null;
  setOpen: (e: TransferEvent | null) => void;
  onError: (m: string | null) => void;
  stepAction: StepAction;
  locale: string;
}) {
  const t = useTranslations("transfers");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [reason, setReason] = useState("");
  const [received, setReceived] = useState<Record<string, string>>({});
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const failureText = useTransferFailureText();

  const run = (event: TransferEvent, raw: unknown) =>
    start(async () => {
      const res = await stepAction(row.id, event, raw);
      if (res.ok) {
        setOpen(null);
        setReason("");
        setReceived({});
        setFieldError(null);
        setLineErrors({});
        onError(null);
        router.refresh();
        return;
      }
      const field = res.errors ? Object.keys(res.errors)[0] : undefined;
      if (event === "cancel" && row.status === "in_transit" && res.errors && field?.startsWith("lines")) {
        setLineErrors(res.errors);
        return;
      }
      if (event === "cancel" && row.status === "in_transit") setOpen(null);
      if (field?.endsWith("quantity")) setFieldError(t("errors.receivedQty"));
      else if (field === "reason") setFieldError(t("errors.reason"));
      else if (field) setFieldError(t("errors.validation.invalid"));
      else onError(failureText(res));
    });

  if (row.actions.length === 0) return <span className="text-xs text-slate-400">—</span>;
  // In transit the goods have left the source: each line is returned or written off, in a dialog.
  const inTransitCancel = row.status === "in_transit" && open === "cancel";
  if (open && !inTransitCancel) {
    const submit = (e: React.FormEvent) => {
      e.preventDefault();
      if (open === "receive") {
        run("receive", {
          items: row.items.map((i) => ({
            variantId: i.variantId,
            quantity: received[i.variantId] === undefined ? i.shipped : Number(received[i.variantId]),
          })),
        });
      } else if (open === "reject") run("reject", { reason });
      else run("cancel", reason.trim() ? { reason } : {});
    };
    return (
      <form
        onSubmit={submit}
        className="flex min-w-60 flex-col gap-2 rounded-xl border border-slate-200 bg-slate-50 p-3"
        aria-label={t(`actions.${open}`)}
      >
        {open === "receive" ? (
          row.items.map((i) => (
            <label
              key={i.variantId}
              className="flex items-center justify-between gap-2 text-xs text-slate-700"
            >
              <span>
                {locale === "en" ? i.productNameEn : i.productName}{" "}
                <span className="font-mono text-slate-400">({t("shippedN", { n: i.shipped })})</span>
              </span>
              <input
                type="number"
                min={0}
                max={i.shipped}
                inputMode="numeric"
                aria-label={t("receivedQty", { sku: i.sku })}
                value={received[i.variantId] ?? String(i.shipped)}
                onChange={(e) => setReceived({ ...received, [i.variantId]: e.target.value })}
                className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-right tabular-nums"
              />
            </label>
          ))
        ) : (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
            {open === "reject" ? t("reasonRequired") : t("reasonOptional")}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              required={open === "reject"}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            />
          </label>
        )}
        {fieldError ? <p className="text-xs text-red-700">{fieldError}</p> : null}
        <div className="flex gap-2">
          <Button
            type="submit"
            disabled={pending}
            variant={open === "receive" ? "primary" : "danger"}
            className="px-3 py-1.5 text-xs"
          >
            {t(`confirm.${open}`)}
          </Button>
          <Button type="button" variant="ghost" className="px-3 py-1.5 text-xs" onClick={() => setOpen(null)}>
            {t("back")}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      {row.status === "in_transit" && row.actions.includes("cancel") ? (
        <CancelInTransitDialog
          row={row}
          locale={locale}
          open={inTransitCancel}
          busy={pending}
          errors={lineErrors}
          onClose={() => {
            setLineErrors({});
            setOpen(null);
          }}
          onConfirm={(body) => run("cancel", body)}
        />
      ) : null}
      {row.actions.map((event) => (
        <Button
          key={event}
          type="button"
          disabled={pending}
          variant={event === "reject" || event === "cancel" ? "secondary" : "primary"}
          className="whitespace-nowrap px-3 py-1.5 text-xs"
          onClick={() => (NEEDS_INPUT.includes(event) ? setOpen(event) : run(event, {}))}
        >
          {t(`actions.${event}`)}
        </Button>
      ))}
    </div>
  );
}

/** The transfer forms' one way to word a failure: the short lines of a refused approval are named. */
export function useTransferFailureText() {
  return useFailureText("transfers.errors", (f) => ({
    items: ((f.meta?.short as { sku: string; available: number }[] | undefined) ?? [])
      .map((s) => `${s.sku} (${s.available})`)
      .join(", "),
  }));
}
