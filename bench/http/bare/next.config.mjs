import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** bench/http's floor: a bare Next app of the shop's Next version, resolving the shop's node_modules. */
const config = {
  turbopack: { root: path.resolve(here, "../../..") },
  outputFileTracingRoot: path.resolve(here, "../../.."),
};

export default config;
