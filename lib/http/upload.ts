import { BadRequest, Invalid, PayloadTooLarge, UnsupportedMediaType } from "@/lib/errors";

/** Room for the multipart boundaries and part headers around the file itself. */
const ENVELOPE = 64 * 1024;
const MB = 1024 * 1024;

/**
 * The one file of a multipart/form-data upload, as bytes. Refuses without reading further a body
 * bigger than `maxBytes` (plus its multipart envelope): by its Content-Length when it says so, and
 * while streaming when it does not (chunked). The file's own size and content are the verb's to judge;
 * its name and the client's Content-Type are never trusted. Any field besides `field` is 422.
 */
export async function readUpload(
  req: Request,
  opts: { field: string; maxBytes: number },
): Promise<Uint8Array> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new UnsupportedMediaType(
      "request.not_multipart",
      `Send the file as multipart/form-data, in a field named "${opts.field}".`,
    );
  }
  const cap = opts.maxBytes + ENVELOPE;
  const tooLarge = () =>
    new PayloadTooLarge(
      "image.too_large",
      `The upload is over ${opts.maxBytes / MB} MB, the largest accepted.`,
      { maxBytes: opts.maxBytes },
    );
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();

  const body = await readCapped(req, cap, tooLarge);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new BadRequest("request.malformed_multipart", "The request body is not valid multipart/form-data.");
  }
  const unknown = [...new Set(form.keys())].filter((k) => k !== opts.field);
  if (unknown.length > 0) throw new Invalid(Object.fromEntries(unknown.map((k) => [k, "Unknown field."])));
  const files = form.getAll(opts.field);
  const file = files[0];
  if (files.length !== 1 || typeof file === "string" || file === undefined) {
    throw new Invalid({ [opts.field]: `Attach exactly one file in the field "${opts.field}".` });
  }
  return new Uint8Array(await file.arrayBuffer());
}

/** The body's bytes, refused with `tooLarge()` (the rest unread) as soon as more than `cap` arrived. */
export async function readCapped(
  req: Request,
  cap: number,
  tooLarge: () => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
