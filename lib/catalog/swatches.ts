/**
 * Colour swatches for option values, by their English name. Pure data: the shop has no product
 * photos, so a swatch and a tinted device drawing stand in for them. Unknown names get a stable
 * pastel from their hash, so a seller's new colour still looks deliberate.
 */
const KNOWN: Record<string, string> = {
  "icy blue": "#c4d9ec",
  navy: "#27324d",
  mint: "#c5e6d3",
  "titanium silverblue": "#9aacc0",
  "titanium black": "#2e2f33",
  "silver shadow": "#c9cbcf",
  yellow: "#f4df7a",
  black: "#222225",
  white: "#f4f4f1",
  pink: "#f3cbd4",
  "natural titanium": "#c2bcae",
  "black titanium": "#3c3c3f",
  "platinum silver": "#dcdde0",
  "moonstone gray": "#6f747b",
  green: "#5f7d5d",
  silver: "#c3c5c8",
  "cobalt violet": "#5d4f8f",
  "sky blue": "#93c8ec",
  lavender: "#cbbde8",
  gray: "#8c8f94",
  grey: "#8c8f94",
};

export function swatchColor(nameEn: string): string {
  const key = nameEn.trim().toLowerCase();
  const known = KNOWN[key];
  if (known) return known;
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360} 45% 72%)`;
}

/** True for light colours, which need a darker outline to stay visible on white. */
export function isLight(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return true;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 200;
}
