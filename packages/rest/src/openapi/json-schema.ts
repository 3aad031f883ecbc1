import { type ZodType, z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as OpenAPI 3.1 (JSON Schema 2020-12). `io` picks the side of transforms: what a client sends
 * (`input`) or what it receives (`output`). Types JSON cannot carry (dates, bigints) are described as what
 * they are on the wire rather than failing the document.
 */
export function toJsonSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override(ctx) {
      const def = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
      if (def?.type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
      if (def?.type === 'bigint') Object.assign(ctx.jsonSchema, { type: 'string', pattern: '^-?[0-9]+$' });
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}
