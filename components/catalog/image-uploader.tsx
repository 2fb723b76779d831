"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import {
  removeProductImageAction,
  reorderProductImagesAction,
  uploadProductImageAction,
} from "@/app/(staff)/_product-images/actions";
import type { ProductImage } from "@/lib/catalog/image-schemas";
import { IMAGE_RULES, imageUrl } from "@/lib/catalog/image-urls";
import type { ErrorCode } from "@/lib/error-codes";
import type { ActionResult } from "@/lib/http/action";
import { useFormat } from "@/lib/format";

type Failure = Extract<ActionResult, { ok: false }>;
type Pending = { key: string; name: string; preview: string };
type Notice = { key: string; text: string };

const MB = 1024 * 1024;
const ACCEPTED_TYPES = IMAGE_RULES.accept.split(",");

/** Error codes of the image verbs → the uploader's messages (the one place they are worded). */
const MESSAGE_OF: Partial<Record<ErrorCode, string>> = {
  "image.too_large": "tooLarge",
  "image.unsupported_type": "unsupportedType",
  "request.not_multipart": "unsupportedType",
  "image.unreadable": "unreadable",
  "image.dimensions": "dimensions",
  "image.empty": "empty",
  "product_image.limit": "limit",
  "product_image.order_mismatch": "orderMismatch",
  "product.not_editable": "discontinued",
  "product.not_found": "notFound",
  "product_image.not_found": "notFound",
  rate_limited: "rateLimited",
  "auth.forbidden": "forbidden",
  "auth.unauthenticated": "signedOut",
};

/**
 * A product's photos, for a product editor to embed: drop files or pick them, see them upload, remove
 * them, and order them with the arrows (the first is the main image in the shop). Files are checked
 * here for size and type only to answer at once; the server judges every file by its content.
 * `images` are the product's images as the page loaded them; after every change the page is
 * refreshed (router.refresh), so whatever else it shows of the product follows.
 */
export function ImageUploader({
  productId,
  images: initial,
  disabled = false,
}: {
  productId: string;
  images: ProductImage[];
  /** For a product whose photos can no longer change (discontinued): shown, not editable. */
  disabled?: boolean;
}) {
  const t = useTranslations("images.uploader");
  const fmt = useFormat();
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [images, setImages] = useState(initial);
  const [loaded, setLoaded] = useState(initial);
  const [pending, setPending] = useState<Pending[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, start] = useTransition();

  // The page reloaded them (router.refresh): its list is the truth again.
  if (initial !== loaded) {
    setLoaded(initial);
    setImages(initial);
  }
  // Previews are object URLs: free them with their placeholder.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  const free = IMAGE_RULES.perProduct - images.length - pending.length;
  const locked = disabled || busy;

  function message(failure: Pick<Failure, "code" | "meta">, name = "") {
    const key = MESSAGE_OF[failure.code];
    const params = {
      name,
      mb: IMAGE_RULES.maxBytes / MB,
      max: IMAGE_RULES.perProduct,
      min: IMAGE_RULES.minSide,
      maxSide: fmt.number(IMAGE_RULES.maxSide),
      mp: IMAGE_RULES.maxPixels / 1_000_000,
      seconds: Number(failure.meta?.retryAfterSeconds ?? 60),
    };
    if (key) return t(`errors.${key}`, params);
    return name ? t("errors.uploadFailed", { name }) : t("errors.generic");
  }
  const notify = (text: string) => setNotices((n) => [...n, { key: `${Date.now()}-${Math.random()}`, text }]);
  const settle = (next: ProductImage[]) => {
    setImages(next);
    router.refresh();
  };

  async function uploadAll(files: File[]) {
    let room = free;
    for (const file of files) {
      const early = precheck(file, room);
      if (early) {
        notify(message({ code: early }, file.name));
        continue;
      }
      room -= 1;
      const preview = URL.createObjectURL(file);
      previews.current.add(preview);
      const key = preview;
      setPending((p) => [...p, { key, name: file.name, preview }]);
      const form = new FormData();
      form.append("file", file);
      try {
        const res = await uploadProductImageAction(productId, form);
        if (res.ok) setImages((list) => [...list, res.data]);
        else notify(message(res, file.name));
      } catch {
        notify(t("errors.uploadFailed", { name: file.name }));
      } finally {
        setPending((p) => p.filter((x) => x.key !== key));
        URL.revokeObjectURL(preview);
        previews.current.delete(preview);
      }
    }
    router.refresh();
  }

  function precheck(file: File, room: number): ErrorCode | null {
    if (room <= 0) return "product_image.limit";
    if (file.size === 0) return "image.empty";
    if (file.size > IMAGE_RULES.maxBytes) return "image.too_large";
    // An unknown type ("") is the server's to judge; a known one outside the list is not an image we take.
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) return "image.unsupported_type";
    return null;
  }

  function pick(list: FileList | null) {
    if (!list || list.length === 0 || disabled) return;
    void uploadAll([...list]);
    if (input.current) input.current.value = "";
  }

  function move(from: number, to: number) {
    if (to < 0 || to >= images.length) return;
    const before = images;
    const next = [...images];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    setImages(next.map((img, i) => ({ ...img, position: i })));
    start(async () => {
      const res = await reorderProductImagesAction(
        productId,
        next.map((i) => i.id),
      ).catch(() => null);
      if (res?.ok) settle(res.data);
      else {
        setImages(before);
        notify(res ? message(res) : t("errors.generic"));
      }
    });
  }

  function remove(id: string) {
    const before = images;
    setImages(images.filter((i) => i.id !== id).map((img, i) => ({ ...img, position: i })));
    start(async () => {
      const res = await removeProductImageAction(productId, id).catch(() => null);
      if (res?.ok) settle(res.data);
      else {
        setImages(before);
        notify(res ? message(res) : t("errors.generic"));
      }
    });
  }

  return (
    <section
      className="flex flex-col gap-3"
      aria-labelledby={`${inputId}-title`}
      data-testid="image-uploader"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${inputId}-title`} className="text-base font-bold text-ink">
          {t("title")}{" "}
          <span className="text-sm font-medium text-slate-500">
            {t("count", { count: images.length, max: IMAGE_RULES.perProduct })}
          </span>
        </h3>
        <p className="text-xs text-slate-500">
          {t("hint", { mb: IMAGE_RULES.maxBytes / MB, max: IMAGE_RULES.perProduct })}
        </p>
      </div>

      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {images.map((image, i) => (
          <li
            key={image.id}
            className="group relative overflow-hidden rounded-xl border border-slate-200 bg-white"
            data-testid="uploaded-image"
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={imageUrl(image.id, 320)}
              alt={t("photo", { n: i + 1 })}
              className="aspect-square w-full object-contain"
            />
            {i === 0 ? (
              <span className="absolute left-2 top-2 rounded-full bg-brand-600 px-2 py-0.5 text-[11px] font-bold text-white shadow-sm">
                {t("main")}
              </span>
            ) : null}
            {disabled ? null : (
              <div className="absolute inset-x-0 bottom-0 flex items-center justify-between gap-1 bg-white/90 p-1.5 ring-1 ring-slate-200">
                <span className="flex gap-1">
                  <IconButton
                    label={t("moveEarlier", { n: i + 1 })}
                    onClick={() => move(i, i - 1)}
                    disabled={locked || i === 0}
                  >
                    ←
                  </IconButton>
                  <IconButton
                    label={t("moveLater", { n: i + 1 })}
                    onClick={() => move(i, i + 1)}
                    disabled={locked || i === images.length - 1}
                  >
                    →
                  </IconButton>
                </span>
                <IconButton
                  label={t("remove", { n: i + 1 })}
                  onClick={() => remove(image.id)}
                  disabled={locked}
                  danger
                >
                  ✕
                </IconButton>
              </div>
            )}
          </li>
        ))}
        {pending.map((p) => (
          <li
            key={p.key}
            className="relative overflow-hidden rounded-xl border border-dashed border-brand-300 bg-brand-50"
            aria-busy="true"
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={p.preview} alt="" className="aspect-square w-full object-contain opacity-50" />
            <span className="absolute inset-0 grid place-items-center text-xs font-semibold text-brand-700">
              {t("uploading")}
            </span>
          </li>
        ))}
        {!disabled && free > 0 ? (
          <li className="col-span-2 sm:col-span-1">
            <label
              htmlFor={inputId}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                pick(e.dataTransfer.files);
              }}
              className={`flex aspect-square h-full w-full cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed p-3 text-center text-sm transition focus-within:outline focus-within:outline-2 focus-within:outline-brand-500 ${
                dragging
                  ? "border-brand-500 bg-brand-50 text-brand-700"
                  : "border-slate-300 bg-slate-50 text-slate-600 hover:border-brand-400 hover:bg-white"
              }`}
              data-testid="image-drop-zone"
            >
              <span aria-hidden="true" className="text-2xl leading-none">
                ＋
              </span>
              {dragging ? (
                <span className="font-semibold">{t("dropActive")}</span>
              ) : (
                <span>
                  {t("drop")} <span className="font-semibold text-brand-700 underline">{t("choose")}</span>
                </span>
              )}
              <input
                ref={input}
                id={inputId}
                type="file"
                name="file"
                accept={IMAGE_RULES.accept}
                multiple
                className="sr-only"
                onChange={(e) => pick(e.currentTarget.files)}
              />
            </label>
          </li>
        ) : null}
      </ul>

      {images.length === 0 && pending.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : null}
      {!disabled && free <= 0 && pending.length === 0 ? (
        <p className="text-sm text-slate-600">{t("full", { max: IMAGE_RULES.perProduct })}</p>
      ) : null}

      {notices.length > 0 ? (
        <ul role="alert" className="flex flex-col gap-1.5">
          {notices.map((n) => (
            <li
              key={n.key}
              className="flex items-start justify-between gap-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200"
            >
              <span>{n.text}</span>
              <button
                type="button"
                onClick={() => setNotices((all) => all.filter((x) => x.key !== n.key))}
                className="shrink-0 text-xs font-semibold hover:underline"
              >
                {t("dismiss")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function IconButton({
  label,
  onClick,
  disabled,
  danger = false,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={`grid h-7 w-7 place-items-center rounded-md text-sm font-bold ring-1 transition disabled:cursor-not-allowed disabled:opacity-40 ${
        danger
          ? "text-rose-700 ring-rose-200 hover:bg-rose-50"
          : "text-slate-700 ring-slate-200 hover:bg-slate-100"
      }`}
    >
      {children}
    </button>
  );
}
