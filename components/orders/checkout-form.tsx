"use client";

import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { placeOrderAction } from "@/app/(shop)/checkout/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import type { CartLine, SellerShipment } from "@/lib/orders/cart-queries";
import { estimateDelivery, type Eta } from "@/lib/orders/eta";
import { evaluateSources, suggestSource, type SourceCandidate } from "@/lib/orders/suggest-source";
import type { OrderView } from "@/lib/orders/view";
import { CheckoutFailure, type Failure } from "./checkout-failure";
import { ProductThumb } from "./product-thumb";
import { SourceChoice } from "./source-choice";

type Props = {
  lines: CartLine[];
  candidates: SourceCandidate[];
  sellers: SellerShipment[];
  regions: string[];
  lastAddress: OrderView["shippingAddress"] | null;
  now: string;
};

export function CheckoutForm({ lines, candidates, sellers, regions, lastAddress, now }: Props) {
  const t = useTranslations("checkout");
  const tr = useTranslations("orderRegions");
  const format = useFormat();
  const locale = useLocale();
  const router = useRouter();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [region, setRegion] = useState(lastAddress?.region ?? "");
  const [picked, setPicked] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, start] = useTransition();

  const orderedAt = useMemo(() => new Date(now), [now]);
  const options = useMemo(
    () => evaluateSources(candidates, region, orderedAt),
    [candidates, region, orderedAt],
  );
  const suggestion = suggestSource(options);
  // The customer's own pick wins while it can still fill the order; otherwise the suggestion.
  const chosen = options.find((o) => o.locationId === picked && o.canFill) ?? suggestion;
  const total = lines.reduce((s, l) => s + l.lineTotal, 0);
  const skuOf = (variantId: string) => lines.find((l) => l.variantId === variantId)?.sku ?? variantId;
  const placeName = (p: { name: string; nameEn: string }) => (locale === "en" ? p.nameEn : p.name);
  const errors = failure?.errors ?? {};
  const fieldError = (f: string) => (errors[`shippingAddress.${f}`] ? t("fixFields") : undefined);
  /** An address field's name, its last order's value and its error. */
  const address = (name: "name" | "phone" | "line1" | "line2" | "postalCode") => ({
    name,
    defaultValue: lastAddress?.[name] ?? "",
    error: fieldError(name),
  });

  const te = useTranslations("orderEta");
  function tEta(eta: Eta) {
    return eta.kind === "days" ? te("days", { min: eta.minDays, max: eta.maxDays }) : te(eta.kind);
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? "");
    const body = {
      items: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      ...(candidates.length ? { sourceLocationId: chosen?.locationId } : {}),
      shippingAddress: {
        name: text("name"),
        phone: text("phone"),
        line1: text("line1"),
        line2: text("line2") || null,
        postalCode: text("postalCode"),
        region: text("region"),
      },
      payment: { cardNumber: text("cardNumber") },
    };
    setFailure(null);
    start(async () => {
      const res = await placeOrderAction(body, idempotencyKey);
      if (res.ok) {
        router.push(`/orders/${res.data.orderId}?placed=1`);
        return;
      }
      setFailure(res);
      if (res.code === "order.insufficient_stock") router.refresh(); // show the availability as it is now
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-[1fr_380px]">
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-4 text-lg font-bold">{t("address")}</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field {...address("name")} label={t("recipient")} autoComplete="name" required />
            <Field
              {...address("phone")}
              label={t("phone")}
              type="tel"
              autoComplete="tel"
              placeholder="010-1234-5678"
              required
            />
            <div className="sm:col-span-2">
              <Field {...address("line1")} label={t("line1")} autoComplete="address-line1" required />
            </div>
            <Field {...address("line2")} label={t("line2")} autoComplete="address-line2" />
            <div className="grid grid-cols-2 gap-4">
              <Field
                {...address("postalCode")}
                label={t("postalCode")}
                inputMode="numeric"
                autoComplete="postal-code"
                placeholder="06236"
                required
              />
              <SelectField
                name="region"
                label={t("region")}
                value={region}
                onChange={(e) => setRegion(e.target.value)}
                error={errors["shippingAddress.region"] ? t("chooseRegion") : undefined}
                options={[
                  { value: "", label: t("chooseRegion") },
                  ...regions.map((r) => ({ value: r, label: tr(r) })),
                ]}
              />
            </div>
          </div>
        </Card>

        {candidates.length > 0 ? (
          <Card>
            <h2 className="text-lg font-bold">{t("source")}</h2>
            <p className="mt-1 text-sm text-slate-600">{region ? t("sourceHelp") : t("sourceNeedsRegion")}</p>
            {errors.sourceLocationId ? (
              <p className="mt-2 text-sm text-red-600">{t("errors.chooseSource")}</p>
            ) : null}
            <fieldset className="mt-4 flex flex-col gap-2" aria-label={t("source")}>
              {options.map((o) => (
                <SourceChoice
                  key={o.locationId}
                  option={o}
                  checked={chosen?.locationId === o.locationId}
                  suggested={suggestion?.locationId === o.locationId}
                  showEta={region !== ""}
                  onPick={() => setPicked(o.locationId)}
                  name={placeName(o)}
                  etaText={tEta(o.eta)}
                  skuOf={skuOf}
                />
              ))}
            </fieldset>
          </Card>
        ) : null}

        {sellers.length > 0 ? (
          <Card>
            <h2 className="text-lg font-bold">{t("marketplace")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("marketplaceHelp")}</p>
            <ul className="mt-4 flex flex-col gap-2">
              {sellers.map((s) => (
                <li
                  key={s.sellerId}
                  data-testid="seller-shipment"
                  className="rounded-xl border border-slate-200 px-4 py-3 text-sm"
                >
                  <p className="font-semibold">{locale === "en" ? s.sellerNameEn : s.sellerName}</p>
                  <p className="text-slate-600">
                    {s.warehouse ? t("shipsFrom", { place: placeName(s.warehouse) }) : t("noWarehouse")}
                    {s.warehouse && region
                      ? ` · ${tEta(estimateDelivery(s.warehouse, region, orderedAt))}`
                      : ""}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    {s.lines
                      .map((l) => t("availableLine", { sku: skuOf(l.variantId), available: l.available }))
                      .join(" · ")}
                  </p>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        <Card>
          <h2 className="mb-4 text-lg font-bold">{t("payment")}</h2>
          <Field
            name="cardNumber"
            label={t("cardNumber")}
            inputMode="numeric"
            autoComplete="cc-number"
            defaultValue="4242 4242 4242 4242"
            hint={t("cardHint")}
            error={errors["payment.cardNumber"] ? t("fixFields") : undefined}
          />
        </Card>
      </div>

      <Card className="h-fit lg:sticky lg:top-24">
        <h2 className="text-lg font-bold">{t("orderSummary")}</h2>
        <ul className="mt-4 flex flex-col gap-3">
          {lines.map((l) => (
            <li key={l.variantId} className="flex items-center gap-3 text-sm">
              <ProductThumb name={l.productNameEn} size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{locale === "en" ? l.productNameEn : l.productName}</p>
                <p className="truncate text-xs text-slate-500">
                  {locale === "en" ? l.optionsLabelEn : l.optionsLabel} · × {l.quantity}
                </p>
              </div>
              <p className="tabular-nums">{format.krw(l.lineTotal)}</p>
            </li>
          ))}
        </ul>
        <div className="mt-4 flex justify-between border-t border-slate-200 pt-4 text-base font-bold">
          <span>{t("total")}</span>
          <span className="tabular-nums">{format.krw(total)}</span>
        </div>
        {failure ? <CheckoutFailure failure={failure} skuOf={skuOf} /> : null}
        <Button
          type="submit"
          disabled={pending || (candidates.length > 0 && !chosen)}
          className="mt-4 w-full py-3 text-base"
        >
          {pending ? t("placing") : t("place", { amount: format.krw(total) })}
        </Button>
      </Card>
    </form>
  );
}
