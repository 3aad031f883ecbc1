import { Busboy } from '@fastify/busboy';

// Request bodies of the 2N surface: raw JSON (any content type — a device parses the JSON it is given, and
// `curl -d` sends form-urlencoded) or a multipart/form-data part holding the JSON, as 2N's own client
// uploads it (`blob-json`, `DIR_NEW`) [OBS ApiDir]. Multipart framing is read by busboy.

export class TwonBodyError extends SyntaxError {}

/** A body that did not parse (bad JSON, nesting too deep for the parser, broken multipart). */
export class UnreadableBody extends TwonBodyError {
  constructor(cause: unknown) {
    super('invalid request body', { cause });
  }
}

type Part = { name: string; type: string; content: Buffer };

/** The non-empty parts of a multipart body (every part read as a file, whatever its disposition). */
function multipartParts(contentType: string, body: Buffer): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    const parts: Part[] = [];
    let bb: ReturnType<typeof Busboy>;
    try {
      bb = Busboy({ headers: { 'content-type': contentType }, isPartAFile: () => true });
    } catch (err) {
      // No boundary in the content type.
      return reject(new TwonBodyError('malformed multipart body', { cause: err }));
    }
    const malformed = (err: unknown) => reject(new TwonBodyError('malformed multipart body', { cause: err }));
    bb.on('file', (name, stream, _filename, _encoding, type) => {
      const chunks: Buffer[] = [];
      // A part cut off before the closing delimiter.
      stream.on('error', malformed);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        if (content.length > 0) parts.push({ name, type, content });
      });
    });
    bb.on('error', malformed);
    // A body without a single delimiter of this boundary finishes with nothing read.
    bb.on('finish', () => resolve(parts));
    bb.end(body);
  });
}

// 2N's client sends one part; a form with more (a note, a second file) names its JSON by content type or by
// the `blob-json` field name. Two such candidates are ambiguous: guessing could apply the wrong batch.
function jsonPart(parts: Part[]): Buffer {
  if (parts.length === 1) return parts[0]!.content;
  const marked = parts.filter((p) => /^application\/json\b/i.test(p.type) || p.name === 'blob-json');
  if (marked.length === 1) return marked[0]!.content;
  throw new TwonBodyError(parts.length === 0 ? 'multipart body without a JSON part' : 'multipart body with no single JSON part');
}

/** Parses a request body; undefined when there is none. */
export async function parseTwonBody(contentType: string | undefined, body: Buffer): Promise<unknown> {
  if (body.length === 0) return undefined;
  let json: Buffer = body;
  if (contentType && /^multipart\/form-data/i.test(contentType.trim())) json = jsonPart(await multipartParts(contentType, body));
  const text = json.toString('utf8').trim();
  if (text === '') return undefined;
  return JSON.parse(text);
}
