"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FieldShell } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";
import type { TransferFormOptions } from "@/lib/inventory/transfer-queries";
import { useTransferFailureText } from "./transfer-table";

export type RequestAction = (raw: unknown) => Promise<ActionResult<string>>;

type Line = { variantId: string; quantity: string };
/** What the form opens with (a replenishment from the hub stock page's low models). */
export type TransferPrefill = {
  fromLocationId?: string;
  toLocationId?: string;
  items?: { variantId: string; quantity: number }[];
};
const select =
  "w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

/** Request stock into one of my hubs: a source, a destination, and variant + quantity lines. */
export function RequestTransferForm({
  options,
  locale,
  action,
  prefill,
}: {
  options: TransferFormOptions;
  locale: string;
  action: RequestAction;
  prefill?: TransferPrefill;
}) {
  const t = useTranslations("transfers");
  const failureText = useTransferFailureText();
  const router = useRouter();
  const [pending, start] = useTransition();
  const known = (id: string | undefined, among: { id: string }[]) =>
    id && among.some((x) => x.id === id) ? id : undefined;
  const [from, setFrom] = useState(known(prefill?.fromLocationId, options.sources) ?? "");
  const [to, setTo] = useState(
    known(prefill?.toLocationId, options.destinations) ?? options.destinations[0]?.id ?? "",
  );
  const [lines, setLines] = useState<Line[]>(() => {
    const items = (prefill?.items ?? []).filter((i) => known(i.variantId, options.variants));
    return items.length > 0
      ? items.map((i) => ({ variantId: i.variantId, quantity: String(i.quantity) }))
      : [{ variantId: "", quantity: "1" }];
  });
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const name = (l: { name: string; nameEn: string }) => (locale === "en" ? l.nameEn : l.name);
  // Field errors are shown in the UI's language, by the kind of field (the API's messages are English).
  const fieldMessage = (k: string) => {
    if (k === "fromLocationId") return from === "" ? t("form.errors.chooseSource") : t("form.errors.source");
    if (k === "toLocationId") return from === to ? t("form.errors.same") : t("form.errors.destination");
    if (k.endsWith(".variantId"))
      return errors[k] === "This item is listed twice: combine the quantities."
        ? t("form.errors.duplicate")
        : t("form.errors.item");
    if (k.endsWith(".quantity")) return t("form.errors.quantity");
    if (k === "items") return t("form.errors.items");
    return t("errors.validation.invalid");
  };
  /** Editing a field clears what was said about it (and the form's summary). */
  const clear = (...keys: string[]) => {
    setMessage(null);
    setErrors((cur) =>
      Object.fromEntries(Object.entries(cur).filter(([k]) => !keys.includes(k) && k !== "items")),
    );
  };
  const fieldError = (k: string) => (errors[k] ? fieldMessage(k) : undefined);
  const err = (k: string) => (errors[k] ? <p className="text-xs text-red-600">{fieldMessage(k)}</p> : null);
  const border = (k: string) => (errors[k] ? "border-red-400" : "border-slate-300");

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const res = await action({
        fromLocationId: from,
        toLocationId: to,
        items: lines.map((l) => ({
          variantId: l.variantId,
          quantity: l.quantity.trim() === "" ? undefined : Number(l.quantity),
        })),
        ...(note.trim() ? { note } : {}),
      });
      if (res.ok) {
        setErrors({});
        setLines([{ variantId: "", quantity: "1" }]);
        setNote("");
        setMessage({ ok: true, text: t("form.done") });
        router.refresh();
      } else {
        setErrors(res.errors ?? {});
        setMessage({ ok: false, text: failureText(res) });
      }
    });
  };

  if (options.destinations.length === 0) return <p className="text-sm text-slate-600">{t("form.noHubs")}</p>;
  return (
    <form onSubmit={submit} className="grid gap-5 lg:grid-cols-[18rem_1fr]" noValidate>
      <div className="flex flex-col gap-4">
        <FieldShell id="tr-from" label={t("form.from")} error={fieldError("fromLocationId")}>
          <select
            id="tr-from"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              clear("fromLocationId", "toLocationId");
            }}
            className={`${select} ${border("fromLocationId")}`}
          >
            <option value="">{t("form.choose")}</option>
            {([true, false] as const).map((center) => (
              <optgroup key={String(center)} label={t(center ? "form.centers" : "form.hubs")}>
                {options.sources
                  .filter((s) => (s.kind === "logistics_center") === center)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {name(s)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </FieldShell>
        <FieldShell id="tr-to" label={t("form.to")} error={fieldError("toLocationId")}>
          <select
            id="tr-to"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              clear("fromLocationId", "toLocationId");
            }}
            className={`${select} ${border("toLocationId")}`}
          >
            {options.destinations.map((s) => (
              <option key={s.id} value={s.id}>
                {name(s)}
              </option>
            ))}
          </select>
        </FieldShell>
      </div>
      <div className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1.5 text-sm font-medium text-slate-700">{t("form.items")}</legend>
          {lines.map((line, i) => (
            <div key={i} className="flex flex-col gap-1 rounded-xl border border-slate-200 p-3">
              <div className="flex items-center gap-2">
                <select
                  aria-label={t("form.variant", { n: i + 1 })}
                  value={line.variantId}
                  onChange={(e) => {
                    setLines(lines.map((l, j) => (j === i ? { ...l, variantId: e.target.value } : l)));
                    clear(`items.${i}.variantId`);
                  }}
                  className={`${select} ${border(`items.${i}.variantId`)} min-w-0 flex-1`}
                >
                  <option value="">{t("form.chooseItem")}</option>
                  {options.variants.map((v) => (
                    <option key={v.id} value={v.id}>
                      {locale === "en" ? v.productNameEn : v.productName} · {v.sku}
                    </option>
                  ))}
                </select>
                <input
                  type="number"
                  min={1}
                  max={1000}
                  inputMode="numeric"
                  aria-label={t("form.quantity", { n: i + 1 })}
                  value={line.quantity}
                  onChange={(e) => {
                    setLines(lines.map((l, j) => (j === i ? { ...l, quantity: e.target.value } : l)));
                    clear(`items.${i}.quantity`);
                  }}
                  className={`w-20 rounded-lg border px-2 py-2 text-right text-sm tabular-nums shadow-sm ${border(`items.${i}.quantity`)}`}
                />
              </div>
              {err(`items.${i}.variantId`)}
              {err(`items.${i}.quantity`)}
              {lines.length > 1 ? (
                <button
                  type="button"
                  onClick={() => {
                    setLines(lines.filter((_, j) => j !== i));
                    setErrors({});
                    setMessage(null);
                  }}
                  className="self-end text-xs font-medium text-slate-500 hover:text-red-700"
                >
                  {t("form.removeLine")}
                </button>
              ) : null}
            </div>
          ))}
          {err("items")}
          <Button
            type="button"
            variant="secondary"
            className="self-start px-3 py-1.5 text-xs"
            onClick={() => setLines([...lines, { variantId: "", quantity: "1" }])}
          >
            + {t("form.addLine")}
          </Button>
        </fieldset>
        <FieldShell id="tr-note" label={t("form.note")}>
          <textarea
            id="tr-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            rows={2}
            className={`${select} border-slate-300`}
          />
        </FieldShell>
        {message ? (
          <p
            role={message.ok ? "status" : "alert"}
            className={`rounded-lg px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}
          >
            {message.text}
          </p>
        ) : null}
        <Button type="submit" disabled={pending} className="self-end px-6">
          {t("form.submit")}
        </Button>
      </div>
    </form>
  );
}
