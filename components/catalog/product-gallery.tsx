"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { imageUrl, type ImageRef } from "@/lib/catalog/image-urls";
import { ProductVisual } from "./product-visual";

type VisualProps = Omit<React.ComponentProps<typeof ProductVisual>, "image" | "size">;

/**
 * A product page's pictures: the chosen photo large, and a row of thumbnails to choose another when
 * the seller uploaded more than one. With no photos, the drawn picture (in the chosen colour).
 */
export function ProductGallery({ images, ...visual }: VisualProps & { images: ImageRef[] }) {
  const t = useTranslations("images.gallery");
  const [index, setIndex] = useState(0);
  const shown = images[Math.min(index, images.length - 1)];
  return (
    <div className="flex flex-col gap-3">
      <ProductVisual {...visual} image={shown} size="hero" />
      {images.length > 1 ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("thumbnails")}>
          {images.map((image, i) => (
            <li key={image.id}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-label={t("show", { n: i + 1, count: images.length })}
                aria-pressed={i === index}
                className={`block h-16 w-16 overflow-hidden rounded-xl border bg-white transition ${
                  i === index
                    ? "border-brand-500 ring-2 ring-brand-200"
                    : "border-slate-200 hover:border-slate-400"
                }`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={imageUrl(image.id, 160)}
                  alt=""
                  loading="lazy"
                  decoding="async"
                  className="h-full w-full object-contain"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
