"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeCartLineAction, updateCartLineAction } from "@/app/(shop)/cart/actions";
import { Card } from "@/components/ui/card";
import type { Cart, CartLine } from "@/lib/orders/cart-queries";
import { ProductThumb } from "./product-thumb";

export function CartView({ cart }: { cart: Cart }) {
  const t = useTranslations("cart");
  const format = useFormat();
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const name = (l: CartLine) => (locale === "en" ? l.productNameEn : l.productName);

  function change(fn: () => Promise<{ ok: boolean; errors?: Record<string, string> }>) {
    setError(null);
    start(async () => {
      const res = await fn();
      if (!res.ok) setError(res.errors?.quantity ? t("lineMax") : t("error"));
      router.refresh();
    });
  }

  const sellers = [...new Map(cart.lines.map((l) => [l.sellerId, l])).values()];
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
      <div className="flex flex-col gap-4">
        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        {sellers.map((s) => (
          <section
            key={s.sellerId}
            className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm"
          >
            <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
              <p className="text-sm font-semibold text-slate-800">
                {t("soldBy", { seller: locale === "en" ? s.sellerNameEn : s.sellerName })}
              </p>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${s.sellerKind === "retailer" ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}
              >
                {s.sellerKind === "retailer" ? t("retailerBadge") : t("marketplaceBadge")}
              </span>
            </div>
            <ul className="divide-y divide-slate-100">
              {cart.lines
                .filter((l) => l.sellerId === s.sellerId)
                .map((l) => (
                  <li
                    key={l.variantId}
                    data-testid="cart-line"
                    data-sku={l.sku}
                    className="flex flex-wrap items-center gap-4 px-5 py-4"
                  >
                    <ProductThumb name={l.productNameEn} />
                    <div className="min-w-0 flex-1">
                      <p className="font-semibold text-ink">{name(l)}</p>
                      <p className="text-sm text-slate-500">
                        {locale === "en" ? l.optionsLabelEn : l.optionsLabel}
                      </p>
                      <p className="mt-0.5 font-mono text-xs text-slate-400">{l.sku}</p>
                      {!l.orderable ? (
                        <p className="mt-1 text-xs font-semibold text-red-600">{t("unavailable")}</p>
                      ) : null}
                    </div>
                    <div
                      className="flex items-center rounded-lg border border-slate-300 bg-white"
                      role="group"
                      aria-label={t("quantity")}
                    >
                      <button
                        type="button"
                        aria-label={t("decrease")}
                        disabled={pending || l.quantity <= 1}
                        onClick={() => change(() => updateCartLineAction(l.variantId, l.quantity - 1))}
                        className="px-3 py-1.5 text-slate-600 hover:bg-slate-50 disabled:text-slate-300"
                      >
                        −
                      </button>
                      <span
                        className="min-w-8 text-center text-sm font-semibold tabular-nums"
                        data-testid="cart-quantity"
                      >
                        {l.quantity}
                      </span>
                      <button
                        type="button"
                        aria-label={t("increase")}
                        disabled={pending || l.quantity >= 1000}
                        onClick={() => change(() => updateCartLineAction(l.variantId, l.quantity + 1))}
                        className="px-3 py-1.5 text-slate-600 hover:bg-slate-50 disabled:text-slate-300"
                      >
                        +
                      </button>
                    </div>
                    <div className="w-32 text-right">
                      <p className="font-semibold tabular-nums">{format.krw(l.lineTotal)}</p>
                      <p className="text-xs text-slate-500 tabular-nums">
                        {format.krw(l.price)} × {l.quantity}
                      </p>
                    </div>
                    <button
                      type="button"
                      disabled={pending}
                      onClick={() => change(() => removeCartLineAction(l.variantId))}
                      className="text-sm text-slate-500 underline-offset-2 hover:text-red-600 hover:underline"
                    >
                      {t("remove")}
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
      <Card className="h-fit lg:sticky lg:top-24">
        <h2 className="text-lg font-bold">{t("summary")}</h2>
        <dl className="mt-4 space-y-2 text-sm">
          <div className="flex justify-between">
            <dt className="text-slate-600">{t("items", { count: cart.count })}</dt>
            <dd className="tabular-nums">{format.krw(cart.total)}</dd>
          </div>
          <div className="flex justify-between">
            <dt className="text-slate-600">{t("shipping")}</dt>
            <dd className="font-medium text-emerald-700">{t("free")}</dd>
          </div>
          <div className="flex justify-between border-t border-slate-200 pt-3 text-base font-bold">
            <dt>{t("total")}</dt>
            <dd className="tabular-nums" data-testid="cart-total">
              {format.krw(cart.total)}
            </dd>
          </div>
        </dl>
        <Link
          href="/checkout"
          aria-disabled={cart.total === 0}
          className={`mt-6 block rounded-lg px-4 py-3 text-center text-base font-semibold text-white ${cart.total === 0 ? "pointer-events-none bg-slate-300" : "bg-brand-600 hover:bg-brand-700"}`}
        >
          {t("checkout")}
        </Link>
      </Card>
    </div>
  );
}
