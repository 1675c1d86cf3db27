// A small reader for multipart/form-data bodies (RFC 7578), enough for the fake Whisper
// endpoint: each part's name, file name, type and bytes.
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function readMultipart(body: Buffer, contentType: string): FormPart[] | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary ? (boundary[1] ?? boundary[2] ?? '').trim() : '';

  if (!marker) return null;

  const delimiter = Buffer.from(`--${marker}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);

  while (at !== -1) {
    const start = at + delimiter.length;

    if (body.subarray(start, start + 2).toString() === '--') break;

    const next = body.indexOf(delimiter, start);

    if (next === -1) break;

    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');

    if (split !== -1) parts.push(partOf(part.subarray(0, split).toString('utf8'), part, split));

    at = next;
  }

  return parts;
}

function partOf(head: string, part: Buffer, split: number): FormPart {
  const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
  const type = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim();
  const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];

  return {
    name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
    ...(filename !== undefined && { filename }),
    ...(type && { contentType: type }),
    data: part.subarray(split + 4),
  };
}
