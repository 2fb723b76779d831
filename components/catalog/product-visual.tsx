import { imageSrcSet, imageUrl, type ImageRef } from "@/lib/catalog/image-urls";
import type { ProductSummary } from "@/lib/catalog/schemas";
import { isLight } from "@/lib/catalog/swatches";

type Category = ProductSummary["category"];

/** The drawing's colour when no colour option gives one. */
const DEFAULT_TINT: Record<Category, string> = {
  phone: "#3c3c3f",
  tablet: "#6f747b",
  wearable: "#c3c5c8",
  router: "#f4f4f1",
  settop: "#2e2f33",
  accessory: "#f4f4f1",
  service: "#14b8a6",
};

/** How wide the picture shows, for the browser to pick a rendition from the srcset. */
const SIZES = {
  card: "(min-width: 1280px) 300px, (min-width: 640px) 45vw, 100vw",
  hero: "(min-width: 1024px) 50vw, 100vw",
};

/**
 * The product's main photo when its seller uploaded one (a responsive <img> of the served
 * renditions); otherwise a drawn stand-in: the device's silhouette in its colour on a category
 * backdrop, so that every listing looks deliberate and the shop works offline.
 */
export function ProductVisual({
  category,
  brand,
  nameEn,
  tint,
  image,
  alt = "",
  className = "",
  size = "card",
}: {
  category: Category;
  brand: string;
  nameEn: string;
  tint?: string;
  /** The main image, when there is one. */
  image?: ImageRef;
  /** What the photo shows, for screen readers (the drawing is decorative). */
  alt?: string;
  className?: string;
  size?: "card" | "hero";
}) {
  if (image) {
    return (
      <div className={`relative overflow-hidden bg-white ${className}`} data-testid="product-photo">
        {/* A plain <img>: the renditions are already resized and cached by /api/images. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={imageUrl(image.id)}
          srcSet={imageSrcSet(image)}
          sizes={SIZES[size]}
          width={image.width}
          height={image.height}
          alt={alt}
          loading={size === "hero" ? "eager" : "lazy"}
          decoding="async"
          className="h-full w-full object-contain"
        />
      </div>
    );
  }
  const color = tint ?? DEFAULT_TINT[category];
  return (
    <div
      // A soft backdrop per category (`.pv-<category>` in app/globals.css), so the grid reads at a glance.
      className={`pv pv-${category} ${className}`}
      data-testid="product-visual"
      aria-hidden="true"
    >
      <div className="pv-glow" />
      <svg viewBox="0 0 240 180" className={size === "hero" ? "pv-svg max-h-[420px]" : "pv-svg"}>
        {/* The drawing is a symbol of the cached sprite file, in the product's colour. */}
        <use
          href={`${SPRITE_URL}#${symbolId(visualKind(category, brand, nameEn), isLight(color))}`}
          style={{ color }}
        />
      </svg>
    </div>
  );
}

/** Which drawing stands in for a product without a photo. */
export type VisualKind = string;

export function visualKind(category: Category, brand: string, nameEn: string): VisualKind {
  const name = nameEn.toLowerCase();
  switch (category) {
    case "phone":
      return `phone${brand.toLowerCase() === "apple" ? "-apple" : ""}${name.includes("flip") ? "-fold" : ""}`;
    case "router":
      return name.includes("mesh") ? "router-mesh" : "router";
    case "accessory":
      if (name.includes("charger")) return "charger";
      if (name.includes("cam")) return "homecam";
      if (name.includes("power")) return "powerbank";
      return "buds";
    default:
      return category;
  }
}

/** Every drawing there is: the sprite holds each (public/product-sprite.svg, scripts/product-sprite.tsx). */
export const VISUAL_KINDS: VisualKind[] = [
  "phone",
  "phone-apple",
  "phone-fold",
  "phone-apple-fold",
  "tablet",
  "wearable",
  "router",
  "router-mesh",
  "settop",
  "service",
  "charger",
  "homecam",
  "powerbank",
  "buds",
];

/**
 * The drawings' one static file, fetched once and cached by the browser (next.config.ts gives it
 * its cache headers): bump the version when a drawing changes.
 */
export const SPRITE_URL = "/product-sprite-v1.svg";

const symbolId = (kind: VisualKind, light: boolean) => `hv-${kind}-${light ? "l" : "d"}`;

/**
 * The sprite: each drawing once as an SVG <symbol> (in a light and a dark edge) that every
 * ProductVisual of that kind <use>s in its own colour (`currentColor`). Rendered into
 * public/ by scripts/product-sprite.tsx (a test checks the file is current).
 */
export function ProductSprite() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg">
      <defs>
        <linearGradient id="hv-shine" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#fff" stopOpacity="0.55" />
          <stop offset="0.45" stopColor="#fff" stopOpacity="0.08" />
          <stop offset="1" stopColor="#000" stopOpacity="0.08" />
        </linearGradient>
        <linearGradient id="hv-screen" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#1e3a8a" />
          <stop offset="0.5" stopColor="#6d28d9" />
          <stop offset="1" stopColor="#0ea5e9" />
        </linearGradient>
        <filter id="hv-shadow" x="-20%" y="-20%" width="140%" height="150%">
          <feDropShadow dx="0" dy="6" stdDeviation="6" floodColor="#0f172a" floodOpacity="0.18" />
        </filter>
      </defs>
      {VISUAL_KINDS.flatMap((kind) =>
        [true, false].map((light) => (
          <symbol key={symbolId(kind, light)} id={symbolId(kind, light)} viewBox="0 0 240 180">
            <g filter="url(#hv-shadow)">
              {shape(kind, "currentColor", light ? "#9aa3af" : "rgba(0,0,0,0.35)")}
            </g>
          </symbol>
        )),
      )}
    </svg>
  );
}

function shape(kind: VisualKind, color: string, edge: string) {
  switch (kind.split("-")[0]) {
    case "phone":
      return (
        <Phone color={color} edge={edge} apple={kind.includes("-apple")} fold={kind.includes("-fold")} />
      );
    case "tablet":
      return <Tablet color={color} edge={edge} />;
    case "wearable":
      return <Watch color={color} edge={edge} />;
    case "router":
      return <Router color={color} edge={edge} mesh={kind === "router-mesh"} />;
    case "settop":
      return <SetTop color={color} edge={edge} />;
    case "service":
      return <Calendar color={color} />;
    case "charger":
      return <Charger color={color} edge={edge} />;
    case "homecam":
      return <HomeCam color={color} edge={edge} />;
    case "powerbank":
      return <PowerBank color={color} edge={edge} />;
    default:
      return <Buds color={color} edge={edge} />;
  }
}

type P = { color: string; edge: string };

function Phone({ color, edge, apple, fold }: P & { apple: boolean; fold: boolean }) {
  return (
    <>
      {/* the front, slightly behind */}
      <g transform="rotate(-8 92 92)">
        <rect x="58" y="26" width="64" height="134" rx="13" fill="#111318" />
        <rect x="61.5" y="29.5" width="57" height="127" rx="10" fill="url(#hv-screen)" />
        <rect x="82" y="34" width="16" height="4" rx="2" fill="#111318" />
        <rect x="61.5" y="29.5" width="57" height="127" rx="10" fill="url(#hv-shine)" opacity="0.6" />
      </g>
      {/* the back, in the product's colour */}
      <g transform="rotate(6 150 92)">
        <rect x="118" y="22" width="64" height="136" rx="13" fill={color} stroke={edge} strokeWidth="1.2" />
        {fold ? <line x1="118" y1="90" x2="182" y2="90" stroke={edge} strokeWidth="1.2" /> : null}
        {apple ? (
          <>
            <rect
              x="124"
              y="28"
              width="28"
              height="28"
              rx="8"
              fill="#000"
              fillOpacity="0.12"
              stroke={edge}
              strokeWidth="0.8"
            />
            <circle cx="132" cy="36" r="5" fill="#1f2937" stroke="#9ca3af" strokeWidth="1" />
            <circle cx="144" cy="48" r="5" fill="#1f2937" stroke="#9ca3af" strokeWidth="1" />
            <circle cx="144" cy="36" r="2" fill="#e5e7eb" />
          </>
        ) : (
          <>
            {(fold ? [34, 48] : [34, 47, 60]).map((cy) => (
              <circle key={cy} cx="131" cy={cy} r="5" fill="#1f2937" stroke={edge} strokeWidth="1.2" />
            ))}
            <circle cx="143" cy="34" r="1.8" fill="#fde68a" />
          </>
        )}
        <rect x="118" y="22" width="64" height="136" rx="13" fill="url(#hv-shine)" />
      </g>
    </>
  );
}

function Tablet({ color, edge }: P) {
  return (
    <>
      <rect x="34" y="34" width="172" height="114" rx="12" fill={color} stroke={edge} strokeWidth="1.2" />
      <rect x="42" y="42" width="156" height="98" rx="6" fill="url(#hv-screen)" />
      <rect x="42" y="42" width="156" height="98" rx="6" fill="url(#hv-shine)" opacity="0.7" />
      <rect x="196" y="76" width="4" height="30" rx="2" fill="#111318" opacity="0.5" />
      {/* a stylus */}
      <rect x="60" y="154" width="120" height="6" rx="3" fill={color} stroke={edge} strokeWidth="1" />
    </>
  );
}

function Watch({ color, edge }: P) {
  return (
    <>
      <rect x="100" y="8" width="40" height="164" rx="14" fill={color} stroke={edge} strokeWidth="1.2" />
      <rect x="100" y="8" width="40" height="164" rx="14" fill="url(#hv-shine)" />
      <circle cx="120" cy="90" r="40" fill="#1c1d21" stroke={color} strokeWidth="5" />
      <circle cx="120" cy="90" r="32" fill="url(#hv-screen)" />
      <line x1="120" y1="90" x2="120" y2="68" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <line x1="120" y1="90" x2="136" y2="98" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="120" cy="90" r="3" fill="#fff" />
      <rect x="160" y="80" width="6" height="20" rx="3" fill={edge} />
    </>
  );
}

function Router({ color, edge, mesh }: P & { mesh: boolean }) {
  if (mesh) {
    return (
      <>
        {[58, 120, 182].map((x, i) => (
          <g key={x}>
            <rect
              x={x - 26}
              y={i === 1 ? 52 : 72}
              width="52"
              height={i === 1 ? 98 : 78}
              rx="18"
              fill={color}
              stroke={edge}
              strokeWidth="1.2"
            />
            <rect
              x={x - 26}
              y={i === 1 ? 52 : 72}
              width="52"
              height={i === 1 ? 98 : 78}
              rx="18"
              fill="url(#hv-shine)"
            />
            <circle cx={x} cy={i === 1 ? 136 : 138} r="2.5" fill="#22c55e" />
          </g>
        ))}
      </>
    );
  }
  return (
    <>
      {[70, 100, 140, 170].map((x, i) => (
        <rect
          key={x}
          x={x - 4}
          y={i % 3 === 0 ? 30 : 40}
          width="8"
          height="70"
          rx="4"
          fill={color}
          stroke={edge}
          strokeWidth="1.2"
        />
      ))}
      <rect x="40" y="92" width="160" height="52" rx="14" fill={color} stroke={edge} strokeWidth="1.2" />
      <rect x="40" y="92" width="160" height="52" rx="14" fill="url(#hv-shine)" />
      {[74, 90, 106, 122].map((x) => (
        <circle key={x} cx={x} cy="128" r="3" fill="#22c55e" />
      ))}
      <circle cx="170" cy="118" r="8" fill="none" stroke={edge} strokeWidth="2" />
    </>
  );
}

function SetTop({ color, edge }: P) {
  return (
    <>
      <rect x="26" y="100" width="150" height="40" rx="10" fill={color} stroke={edge} strokeWidth="1.2" />
      <rect x="26" y="100" width="150" height="40" rx="10" fill="url(#hv-shine)" />
      <circle cx="46" cy="120" r="3" fill="#38bdf8" />
      <rect x="120" y="116" width="40" height="6" rx="3" fill="#000" fillOpacity="0.25" />
      {/* the remote */}
      <rect
        x="188"
        y="40"
        width="28"
        height="110"
        rx="14"
        fill="#f4f4f1"
        stroke="#9aa3af"
        strokeWidth="1.2"
      />
      <circle cx="202" cy="66" r="9" fill="none" stroke="#9aa3af" strokeWidth="2" />
      {[90, 104, 118].map((y) => (
        <circle key={y} cx="202" cy={y} r="3.5" fill="#cbd5e1" />
      ))}
      <circle cx="202" cy="50" r="3" fill="#ef4444" />
    </>
  );
}

function Buds({ color, edge }: P) {
  return (
    <>
      <rect x="66" y="62" width="108" height="84" rx="34" fill={color} stroke={edge} strokeWidth="1.2" />
      <line x1="70" y1="96" x2="170" y2="96" stroke={edge} strokeWidth="1.2" />
      <rect x="66" y="62" width="108" height="84" rx="34" fill="url(#hv-shine)" />
      <circle cx="120" cy="116" r="3" fill="#22c55e" />
      {[96, 144].map((x) => (
        <g key={x}>
          <ellipse cx={x} cy="40" rx="14" ry="12" fill={color} stroke={edge} strokeWidth="1.2" />
          <rect x={x - 4} y="44" width="8" height="16" rx="4" fill={color} stroke={edge} strokeWidth="1.2" />
        </g>
      ))}
    </>
  );
}

function Charger({ color, edge }: P) {
  return (
    <>
      <rect x="64" y="56" width="72" height="80" rx="14" fill={color} stroke={edge} strokeWidth="1.2" />
      <rect x="64" y="56" width="72" height="80" rx="14" fill="url(#hv-shine)" />
      <rect x="84" y="38" width="8" height="20" rx="2" fill="#9ca3af" />
      <rect x="108" y="38" width="8" height="20" rx="2" fill="#9ca3af" />
      <rect x="92" y="122" width="16" height="6" rx="3" fill="#000" fillOpacity="0.4" />
      <path
        d="M100 136 C100 168, 170 168, 176 120 S 190 60, 200 58"
        fill="none"
        stroke={color}
        strokeWidth="6"
        strokeLinecap="round"
      />
      <path
        d="M100 136 C100 168, 170 168, 176 120 S 190 60, 200 58"
        fill="none"
        stroke={edge}
        strokeWidth="1"
        strokeLinecap="round"
        opacity="0.6"
      />
      <path d="M92 86 l10 -14 v10 h8 l-10 14 v-10 z" fill="#facc15" />
    </>
  );
}

function HomeCam({ color, edge }: P) {
  return (
    <>
      <rect x="92" y="128" width="56" height="22" rx="10" fill={color} stroke={edge} strokeWidth="1.2" />
      <circle cx="120" cy="86" r="46" fill={color} stroke={edge} strokeWidth="1.2" />
      <circle cx="120" cy="86" r="46" fill="url(#hv-shine)" />
      <circle cx="120" cy="82" r="22" fill="#111318" />
      <circle cx="120" cy="82" r="12" fill="url(#hv-screen)" />
      <circle cx="114" cy="76" r="3" fill="#fff" opacity="0.8" />
      <circle cx="120" cy="116" r="2.5" fill="#ef4444" />
    </>
  );
}

function PowerBank({ color, edge }: P) {
  return (
    <>
      <rect x="60" y="44" width="120" height="100" rx="16" fill={color} stroke={edge} strokeWidth="1.2" />
      <rect x="60" y="44" width="120" height="100" rx="16" fill="url(#hv-shine)" />
      {[84, 100, 116, 132].map((x, i) => (
        <rect key={x} x={x} y="120" width="12" height="6" rx="2" fill={i < 3 ? "#22c55e" : "#d1d5db"} />
      ))}
    </>
  );
}

function Calendar({ color }: { color: string }) {
  return (
    <>
      <rect x="62" y="40" width="116" height="108" rx="14" fill="#fff" stroke="#cbd5e1" strokeWidth="1.2" />
      <path d="M62 54 a14 14 0 0 1 14 -14 h88 a14 14 0 0 1 14 14 v16 h-116 z" fill={color} />
      <rect x="88" y="30" width="8" height="22" rx="4" fill="#475569" />
      <rect x="144" y="30" width="8" height="22" rx="4" fill="#475569" />
      {[0, 1, 2, 3].map((c) =>
        [0, 1].map((r) => (
          <rect
            key={`${c}-${r}`}
            x={78 + c * 22}
            y={82 + r * 22}
            width="14"
            height="12"
            rx="3"
            fill="#e2e8f0"
          />
        )),
      )}
      <circle cx="170" cy="136" r="24" fill={color} />
      <path
        d="M159 136 l8 8 l15 -16"
        fill="none"
        stroke="#fff"
        strokeWidth="5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </>
  );
}
