import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProductSprite, SPRITE_URL } from "./product-visual";

/** The sprite file's path in the repository. */
export const spriteFile = () => `public${SPRITE_URL}`;

/** The sprite file's content. */
export const spriteMarkup = () => `${renderToStaticMarkup(createElement(ProductSprite))}\n`;
