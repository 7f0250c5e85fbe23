import fc from 'fast-check';

/**
 * Values for the response serializer's property test, drawn from a response's JSON Schema (the
 * subset the compiled serializer is given: objects, arrays, scalars, enums, nullable, unions of
 * scalars, records, anything), and the same values with fields no schema lists added to every
 * object that lists its properties.
 */

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/** The fields slipped into every object: a row's columns the answer must never carry. */
export const LEAKED = { passwordHash: 'leaked', internalNote: { secret: 'leaked' } };

const ISO_DATES = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});

function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** Whether the object schema lists its properties and admits no others (zod's output objects). */
export function listsItsProperties(schema: JsonSchema): boolean {
  return typesOf(schema).includes('object') && schema.properties !== undefined && !schema.additionalProperties;
}

function nonNull(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(arbitraryOf));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = typesOf(schema).find((candidate) => candidate !== 'null');
  switch (type) {
    case 'string':
      // a zod date is written from a Date, an ISO string field from its text
      return schema.format === 'date-time'
        ? fc.oneof(
            ISO_DATES,
            ISO_DATES.map((date) => date.toISOString()),
          )
        : fc.string();
    case 'integer':
      return fc.integer();
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? arbitraryOf(schema.items) : fc.jsonValue(), { maxLength: 3 });
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryOf(value)]),
      );
      const listed = fc.record(properties, { requiredKeys: schema.required ?? [] });
      const extra = schema.additionalProperties;
      if (!extra) return listed;
      const values = extra === true ? fc.jsonValue({ maxDepth: 2 }) : arbitraryOf(extra);
      const others = fc.dictionary(
        fc.string().filter((key) => !(key in properties) && key !== '__proto__'),
        values,
        { maxKeys: 3 },
      );
      return fc.tuple(listed, others).map(([fields, more]) => ({ ...more, ...fields }));
    }
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`no values for a schema of type ${type}`);
  }
}

/** Values the schema describes. */
export function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const nullable = schema.nullable === true || typesOf(schema).includes('null');
  const value = typesOf(schema).length === 1 && typesOf(schema)[0] === 'null' ? fc.constant(null) : nonNull(schema);
  return nullable ? fc.oneof(fc.constant(null), value) : value;
}

/** `value` with LEAKED added to each object, at any depth, whose schema lists its properties. */
export function withLeakedFields(value: unknown, schema: JsonSchema): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => (schema.items ? withLeakedFields(item, schema.items) : item));
  const record = value as Record<string, unknown>;
  const fields = Object.fromEntries(
    Object.entries(record).map(([key, inner]) => {
      const innerSchema =
        schema.properties?.[key] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      return [key, innerSchema ? withLeakedFields(inner, innerSchema) : inner];
    }),
  );
  if (!listsItsProperties(schema)) return fields;
  const leaked = Object.entries(LEAKED).filter(([key]) => !(key in schema.properties!));
  return { ...Object.fromEntries(leaked), ...fields };
}
