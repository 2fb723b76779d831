import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import type { ProductImage } from "@/lib/catalog/image-schemas";

// Rendered outside Next: no router, and the actions are never called while rendering.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {} }) }));
vi.mock("@/app/(staff)/_product-images/actions", () => ({}));

const { ImageUploader } = await import("@/components/catalog/image-uploader");
const { ProductGallery } = await import("@/components/catalog/product-gallery");
const { ProductVisual } = await import("@/components/catalog/product-visual");

const image = (n: number): ProductImage => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  url: `/api/images/00000000-0000-4000-8000-00000000000${n}?w=640`,
  width: 1600,
  height: 1200,
  position: n,
});

async function render(locale: "ko" | "en", element: React.ReactElement) {
  const messages = (await import(`@/messages/${locale}/images.json`)).default;
  const props = { locale, messages, timeZone: "Asia/Seoul" } as React.ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

describe("<ImageUploader>", () => {
  it("shows the photos, the main one marked, with move and remove buttons, and the drop zone", async () => {
    const html = await render("ko", createElement(ImageUploader, { productId: "p", images: [image(0), image(1)] }));
    expect(html).toContain("상품 사진");
    expect(html).toContain("2/8장");
    expect(html).toContain("대표");
    expect(html.match(/data-testid="uploaded-image"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="2번째 사진을 앞으로"');
    expect(html).toContain('aria-label="1번째 사진 삭제"');
    expect(html).toContain('accept="image/jpeg,image/png,image/webp,image/avif"');
    expect(html).toContain(`src="/api/images/${image(0).id}?w=320"`);
  });

  it("speaks English too, and when disabled shows the photos without controls or drop zone", async () => {
    const html = await render("en", createElement(ImageUploader, { productId: "p", images: [image(0)], disabled: true }));
    expect(html).toContain("Product photos");
    expect(html).toContain("1 of 8");
    expect(html).not.toContain("image-drop-zone");
    expect(html).not.toContain("Remove photo");
    const empty = await render("en", createElement(ImageUploader, { productId: "p", images: [] }));
    expect(empty).toContain("No photos yet");
    expect(empty).toContain("image-drop-zone");
  });

  it("says when all 8 places are taken, and offers no drop zone", async () => {
    const html = await render("en", createElement(ImageUploader, { productId: "p", images: Array.from({ length: 8 }, (_, i) => image(i)) }));
    expect(html).toContain("All 8 places are taken");
    expect(html).not.toContain("image-drop-zone");
  });
});

describe("the shop's pictures", () => {
  it("shows the main photo as a responsive <img>, and the drawing when there is none", async () => {
    const photo = await render("ko", createElement(ProductVisual, { category: "phone", brand: "B", nameEn: "N", image: image(0), alt: "갤럭시" }));
    expect(photo).toContain('alt="갤럭시"');
    expect(photo).toContain(`srcSet="/api/images/${image(0).id}?w=160 160w`);
    expect(photo).toContain("1280w");
    const drawn = await render("ko", createElement(ProductVisual, { category: "phone", brand: "B", nameEn: "N" }));
    expect(drawn).toContain('data-testid="product-visual"');
    expect(drawn).not.toContain("<img");
  });

  it("gives the product page thumbnails only when there is more than one photo", async () => {
    const props = { category: "phone" as const, brand: "B", nameEn: "N", alt: "x" };
    const one = await render("en", createElement(ProductGallery, { ...props, images: [image(0)] }));
    expect(one).not.toContain("Show photo");
    const three = await render("en", createElement(ProductGallery, { ...props, images: [image(0), image(1), image(2)] }));
    expect(three).toContain('aria-label="Show photo 3 of 3"');
  });
});

describe("messages/{ko,en}/images.json", () => {
  it("have the same keys", async () => {
    const keys = (o: object, at = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v as object, `${at}${k}.`) : [`${at}${k}`]));
    const ko = (await import("@/messages/ko/images.json")).default;
    const en = (await import("@/messages/en/images.json")).default;
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });
});
