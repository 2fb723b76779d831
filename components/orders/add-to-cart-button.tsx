"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addToCartAction } from "@/app/(shop)/cart/actions";
import { Button } from "@/components/ui/button";

/**
 * "Add to cart" for one variant (the product page's purchase slot). Not signed in: to the sign-in page
 * and back. Shows the outcome beside the button, with a link to the cart.
 */
export function AddToCartButton({
  variantId,
  quantity = 1,
  disabled = false,
}: {
  variantId: string;
  quantity?: number;
  disabled?: boolean;
}) {
  const t = useTranslations("cart");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<"added" | "error" | "lineMax" | "notOnSale" | null>(null);

  function add() {
    setOutcome(null);
    start(async () => {
      const res = await addToCartAction(variantId, quantity);
      if (res.ok) {
        setOutcome("added");
        router.refresh();
        return;
      }
      if (res.code === "auth.unauthenticated") {
        router.push(`/signin?callbackUrl=${encodeURIComponent(pathname)}`);
        return;
      }
      setOutcome(res.errors?.quantity ? "lineMax" : res.code === "cart.not_on_sale" ? "notOnSale" : "error");
    });
  }

  return (
    <div className="flex flex-col gap-2">
      <Button type="button" onClick={add} disabled={disabled || pending} className="w-full py-3 text-base">
        {pending ? t("adding") : t("add")}
      </Button>
      <div aria-live="polite" className="min-h-5 text-sm">
        {outcome === "added" ? (
          <p className="flex items-center justify-between gap-2 text-emerald-700">
            <span>✓ {t("added")}</span>
            <Link href="/cart" className="font-semibold text-brand-600 hover:underline">
              {t("viewCart")} →
            </Link>
          </p>
        ) : outcome ? (
          <p className="text-red-600">{t(outcome)}</p>
        ) : null}
      </div>
    </div>
  );
}
