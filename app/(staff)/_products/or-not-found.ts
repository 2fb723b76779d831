import { notFound } from "next/navigation";
import { NotFound } from "@/lib/errors";

/** A product page's data, or the 404 page when it names no product this actor may see. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}
