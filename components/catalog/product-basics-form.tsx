"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createProductAction, updateProductAction } from "@/app/(staff)/_products/actions";
import { Button } from "@/components/ui/button";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";
import { useProductErrors, type Failure } from "./product-errors";

export type ProductBasics = {
  id: string;
  nameKo: string;
  nameEn: string;
  brand: string;
  category: string;
  type: string;
  descriptionKo: string;
  descriptionEn: string;
};
const CATEGORIES = ["phone", "tablet", "wearable", "router", "settop", "accessory", "service"] as const;

/** A key per form, so that a double click or a retry of "create" makes one draft. */
const formKey = () => `product-form-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * The product's basics: names and descriptions in Korean and English, brand, category and type.
 * Without `product` it creates a draft and opens it; with one it saves the draft's changes. Locked
 * (read-only) once the product has left draft.
 */
export function ProductBasicsForm({
  product,
  locked = false,
}: {
  product?: ProductBasics;
  locked?: boolean;
}) {
  const t = useTranslations("sellerCentre.form");
  const tn = useTranslations("sellerCentre.new");
  const tl = useTranslations("catalog.labels");
  const explain = useProductErrors();
  const router = useRouter();
  const [key] = useState(formKey);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, start] = useTransition();
  const { summary, fields } = explain(failure);

  function submit(form: HTMLFormElement) {
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? "");
    const input = {
      nameKo: text("nameKo"),
      nameEn: text("nameEn"),
      brand: text("brand"),
      category: text("category"),
      type: text("type"),
      descriptionKo: text("descriptionKo"),
      descriptionEn: text("descriptionEn"),
    };
    setSaved(false);
    start(async () => {
      const out: ActionResult<{ id: string }> = product
        ? await updateProductAction(product.id, input)
        : await createProductAction(input, key);
      if (!out.ok) return setFailure(out);
      setFailure(null);
      if (product) {
        setSaved(true);
        router.refresh();
      } else router.push(`/seller/products/${out.data.id}`);
    });
  }

  return (
    <form
      noValidate
      onChange={() => {
        if (failure) setFailure(null);
        if (saved) setSaved(false);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
      className="flex flex-col gap-5"
    >
      <fieldset disabled={locked || busy} className="grid gap-4 sm:grid-cols-2">
        <Field
          name="nameKo"
          label={t("nameKo")}
          defaultValue={product?.nameKo}
          maxLength={120}
          required
          hint={t("nameHint")}
          error={fields.nameKo}
        />
        <Field
          name="nameEn"
          label={t("nameEn")}
          defaultValue={product?.nameEn}
          maxLength={120}
          required
          error={fields.nameEn}
        />
        <Field
          name="brand"
          label={t("brand")}
          defaultValue={product?.brand}
          maxLength={60}
          error={fields.brand}
        />
        <SelectField
          name="category"
          label={t("category")}
          defaultValue={product?.category ?? "accessory"}
          error={fields.category}
          options={CATEGORIES.map((c) => ({ value: c, label: tl(`category.${c}`) }))}
        />
        <div className="sm:col-span-2">
          <SelectField
            name="type"
            label={t("type")}
            defaultValue={product?.type ?? "stock"}
            error={fields.type}
            options={[
              { value: "stock", label: t("typeStock") },
              { value: "reservation", label: t("typeReservation") },
            ]}
          />
        </div>
        <TextAreaField
          name="descriptionKo"
          label={t("descriptionKo")}
          defaultValue={product?.descriptionKo}
          maxLength={5000}
          error={fields.descriptionKo}
        />
        <TextAreaField
          name="descriptionEn"
          label={t("descriptionEn")}
          defaultValue={product?.descriptionEn}
          maxLength={5000}
          error={fields.descriptionEn}
        />
      </fieldset>
      {locked ? null : (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy}>
            {product ? (busy ? t("saving") : t("save")) : busy ? tn("creating") : tn("submit")}
          </Button>
          {summary ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {summary}
            </p>
          ) : saved ? (
            <p role="status" className="text-sm font-medium text-emerald-700">
              ✓ {t("saved")}
            </p>
          ) : null}
        </div>
      )}
    </form>
  );
}
