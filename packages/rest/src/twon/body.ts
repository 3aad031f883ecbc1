// Request bodies of the 2N surface: raw JSON (any content type — a device parses the JSON it is given, and
// `curl -d` sends form-urlencoded) or a multipart/form-data part holding the JSON, as 2N's own client
// uploads it (`blob-json`, `DIR_NEW`) [OBS ApiDir].

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

export class TwonBodyError extends SyntaxError {}

/** A body that did not parse (bad JSON, nesting too deep for the parser, broken multipart). */
export class UnreadableBody extends TwonBodyError {
  constructor(cause: unknown) {
    super('invalid request body', { cause });
  }
}

type Part = { headers: string; content: Buffer };

/** The non-empty parts of a multipart body; undefined when the body is not framed by `boundary`. */
export function multipartParts(body: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const headersEnd = body.indexOf(HEADER_END, start);
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd);
    if (next < 0) return undefined;
    const content = body.subarray(headersEnd + HEADER_END.length, next);
    if (content.length > 0) parts.push({ headers: body.subarray(start, headersEnd).toString('latin1'), content });
    pos = next + CRLF.length;
  }
  return undefined;
}

// 2N's client sends one part; a form with more (a note, a second file) names its JSON by content type or by
// the `blob-json` field name. Two such candidates are ambiguous: guessing could apply the wrong batch.
function jsonPart(parts: Part[]): Buffer {
  if (parts.length === 1) return parts[0]!.content;
  const marked = parts.filter((p) => /content-type:\s*application\/json/i.test(p.headers) || /\bname="blob-json"/i.test(p.headers));
  if (marked.length === 1) return marked[0]!.content;
  throw new TwonBodyError(parts.length === 0 ? 'multipart body without a JSON part' : 'multipart body with no single JSON part');
}

/** Parses a request body; undefined when there is none. */
export function parseTwonBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let json: Buffer = body;
  if (contentType && /^multipart\/form-data/i.test(contentType.trim())) {
    const boundary = boundaryOf(contentType);
    const parts = boundary ? multipartParts(body, boundary) : undefined;
    if (!parts) throw new TwonBodyError('malformed multipart body');
    json = jsonPart(parts);
  }
  const text = json.toString('utf8').trim();
  if (text === '') return undefined;
  return JSON.parse(text);
}
