// Request bodies of the 2N surface: raw JSON (any content type — a device parses the JSON it is given, and
// `curl -d` sends form-urlencoded) or a multipart/form-data part holding the JSON, as 2N's own client
// uploads it (`blob-json`, `DIR_NEW`) [OBS ApiDir].

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** The content of the first non-empty part of a multipart body. */
export function firstMultipartPart(body: Buffer, boundary: string): Buffer | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return undefined;
    const headersEnd = body.indexOf(HEADER_END, start);
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd);
    if (next < 0) return undefined;
    const content = body.subarray(headersEnd + HEADER_END.length, next);
    if (content.length > 0) return content;
    pos = next + CRLF.length;
  }
  return undefined;
}

export class TwonBodyError extends SyntaxError {}

/** Parses a request body; undefined when there is none. */
export function parseTwonBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let json: Buffer = body;
  if (contentType && /^multipart\/form-data/i.test(contentType.trim())) {
    const boundary = boundaryOf(contentType);
    const part = boundary ? firstMultipartPart(body, boundary) : undefined;
    if (!part) throw new TwonBodyError('multipart body without a JSON part');
    json = part;
  }
  const text = json.toString('utf8').trim();
  if (text === '') return undefined;
  return JSON.parse(text);
}
