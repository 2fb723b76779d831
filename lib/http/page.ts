import { notFound } from "next/navigation";
import { NotFound } from "@/lib/errors";

/** For pages: a thing that is NotFound (unknown, or not this visitor's to see) renders the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}
