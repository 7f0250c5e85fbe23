import fc from 'fast-check';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { $ZodError, type $ZodType } from 'zod/v4/core';
import app, { serverOptions } from '../src/app.js';
import { responseJsonSchema } from '../src/plugins/swagger.js';
import { ResponseSchemaMismatchError, responseSerializer, uncompilableConstruct } from '../src/response-serializer.js';
import { testConfig } from './helpers/build.js';
import { arbitraryOf, LEAKED, withLeakedFields, type JsonSchema } from './response-serializer.fixtures.js';

/**
 * The response serializer (src/response-serializer.ts) over every response the OpenAPI document
 * lists: each is compiled, or left to zod for a construct it names; a compiled one writes what zod
 * would and never a field its schema does not list, whatever a service hands it.
 */

interface Response {
  /** `GET /api/dossiers/{code} 200` */
  name: string;
  method: string;
  url: string;
  status: string;
  schema: $ZodType;
}

type ZodRoute = Parameters<typeof zodSerializerCompiler>[0];

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

let server: FastifyInstance;
let responses: Response[];

beforeAll(async () => {
  const config = testConfig();
  server = Fastify(serverOptions(config));
  const routes: RouteOptions[] = [];
  server.addHook('onRoute', (route: RouteOptions) => {
    routes.push(route);
  });
  await server.register(app, { config });
  await server.ready();
  const document = (await server.inject({ method: 'GET', url: '/api/docs/json' })).json<{
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  }>();
  // every response of the document, with the zod schema its route registered
  responses = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.keys(operation.responses ?? {}).map((status) => {
        const route = routes.find(
          (candidate) =>
            openApiPath(candidate.url) === path && [candidate.method].flat().includes(method.toUpperCase()),
        );
        const schema = (route?.schema?.response as Record<string, $ZodType> | undefined)?.[status];
        if (!route || !schema) throw new Error(`${method.toUpperCase()} ${path} ${status}: no route registers it`);
        return {
          name: `${method.toUpperCase()} ${path} ${status}`,
          method: method.toUpperCase(),
          url: route.url,
          status,
          schema,
        };
      }),
    ),
  );
});

afterAll(async () => {
  await server.close();
});

const serializerOf = (response: Response) =>
  responseSerializer({
    schema: response.schema,
    method: response.method,
    url: response.url,
    httpStatus: response.status,
  });
const zodSerializerOf = (response: Response) =>
  zodSerializerCompiler({ schema: response.schema, method: response.method, url: response.url } as ZodRoute) as (
    data: unknown,
  ) => string;

describe('the response serializer', () => {
  it('compiles every response schema of the document, or leaves it to zod for a construct it names', () => {
    expect(responses.length).toBeGreaterThan(100);
    for (const response of responses) {
      const serializer = serializerOf(response);
      const construct = uncompilableConstruct(response.schema);
      // fast-json-stringify refuses nothing the check lets through
      expect({ response: response.name, compiled: serializer.compiled, reason: serializer.reason }).toEqual({
        response: response.name,
        compiled: construct === undefined,
        reason: construct,
      });
    }
    // the officer's dossier read, which this serializer is for, is compiled
    expect(serializerOf(responses.find((response) => response.name === 'GET /api/dossiers/{code} 200')!).compiled).toBe(
      true,
    );
  });

  it('writes what zod writes and never a field the schema does not list, for every compiled response', () => {
    const compiled = responses.filter((response) => serializerOf(response).compiled);
    const seen = new Set<$ZodType>();
    for (const response of compiled) {
      if (seen.has(response.schema)) continue;
      seen.add(response.schema);
      const { serialize } = serializerOf(response);
      const viaZod = zodSerializerOf(response);
      const jsonSchema = responseJsonSchema(response.schema) as JsonSchema;
      fc.assert(
        fc.property(arbitraryOf(jsonSchema), (value) => {
          const leaky = withLeakedFields(value, jsonSchema);
          const written: unknown = JSON.parse(serialize(leaky));
          // the value without the leaked fields, as JSON
          expect(written, response.name).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
          let zodWritten: string | undefined;
          try {
            zodWritten = viaZod(leaky);
          } catch {
            // zod also validates (formats, lengths, patterns) what a drawn value need not satisfy
          }
          if (zodWritten !== undefined) expect(written, response.name).toEqual(JSON.parse(zodWritten));
        }),
        { numRuns: 30 },
      );
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('never writes a leaked field into the dossier read, at any depth', () => {
    const response = responses.find((candidate) => candidate.name === 'GET /api/dossiers/{code} 200')!;
    const jsonSchema = responseJsonSchema(response.schema) as JsonSchema;
    fc.assert(
      fc.property(arbitraryOf(jsonSchema), (value) => {
        const written = serializerOf(response).serialize(withLeakedFields(value, jsonSchema));
        for (const key of Object.keys(LEAKED)) expect(written).not.toContain(`"${key}"`);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ['a transform', z.object({ name: z.string().transform((name) => name.toUpperCase()) }), '$.name: pipe'],
    [
      'a trimmed string',
      z.object({ fees: z.array(z.object({ name: z.string().trim() })) }),
      '$.fees[].name: an overwrite (string)',
    ],
    ['a default', z.object({ items: z.array(z.string()).default([]) }), '$.items: default'],
    [
      'a union of objects',
      z.object({ by: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]) }),
      '$.by: a union with a branch of type object',
    ],
    ['a record keyed by an enum', z.record(z.enum(['a', 'b']), z.number()), '$: a record keyed by enum'],
    ['an intersection', z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })), '$: intersection'],
  ])('leaves a schema with %s to zod, naming it', (_, schema, reason) => {
    const serializer = responseSerializer({ schema, method: 'GET', url: '/example', httpStatus: '200' });
    expect(serializer).toMatchObject({ compiled: false, reason });
  });

  it('leaves a trimmed string to zod, which writes it trimmed', () => {
    const schema = z.object({ name: z.string().trim() });
    const serializer = responseSerializer({ schema, method: 'GET', url: '/example', httpStatus: '200' });
    expect(serializer.serialize({ name: '  Lệ phí  ', ...LEAKED })).toBe('{"name":"Lệ phí"}');
  });

  it('compiles nullable, optional, enum, date, record and scalar-union fields, writing only the listed ones', () => {
    const schema = z.object({
      at: z.date(),
      when: z.iso.datetime().nullable(),
      status: z.enum(['open', 'closed']),
      note: z.string().optional(),
      count: z.union([z.number(), z.string()]),
      data: z.record(z.string(), z.unknown()).nullable(),
      nested: z.object({ kept: z.boolean() }).nullable(),
      list: z.array(z.object({ kept: z.number().int() })),
    });
    const serializer = responseSerializer({ schema, method: 'GET', url: '/example', httpStatus: '200' });
    expect(serializer.compiled).toBe(true);
    const written = serializer.serialize({
      at: new Date('2026-12-06T09:15:00.123Z'),
      when: null,
      status: 'open',
      count: '3',
      data: { free: { form: 1 } },
      nested: { kept: true, ...LEAKED },
      list: [{ kept: 1, ...LEAKED }],
      ...LEAKED,
    });
    expect(JSON.parse(written)).toEqual({
      at: '2026-12-06T09:15:00.123Z',
      when: null,
      status: 'open',
      count: '3',
      data: { free: { form: 1 } },
      nested: { kept: true },
      list: [{ kept: 1 }],
    });
  });

  describe('checking each answer against its schema (CHECK_RESPONSES)', () => {
    const schema = z.object({
      code: z.string(),
      applicant: z.object({ name: z.string(), phone: z.string().nullable() }),
      fees: z.array(z.object({ amount: z.number() })),
    });
    const route = { schema, method: 'GET', url: '/api/example/:code', httpStatus: '200' };
    const right = { code: 'HS-1', applicant: { name: 'Nguyễn Văn A', phone: null }, fees: [{ amount: 50_000 }] };
    // a number where a string is declared, null in a non-null string, a numeric string in a number
    const wrong = { code: 42, applicant: { name: null, phone: null }, fees: [{ amount: '50000' }] };

    it('refuses a wrong-typed answer, naming the route, the status and each field', () => {
      const { serialize, compiled } = responseSerializer(route, { checkAgainstSchema: true });
      expect(compiled).toBe(true);
      expect(() => serialize(wrong)).toThrow(ResponseSchemaMismatchError);
      let message = '';
      try {
        serialize(wrong);
      } catch (error) {
        message = (error as Error).message;
        expect((error as Error).cause).toBeInstanceOf($ZodError);
      }
      expect(message).toMatch(/^GET \/api\/example\/:code 200: /);
      for (const path of ['$.code:', '$.applicant.name:', '$.fees[0].amount:']) expect(message).toContain(path);
      // the answered values stay out of the message, which is logged
      expect(message).not.toMatch(/42|50000/);
    });

    it('writes a wrong-typed answer as before when off: coerced by fast-json-stringify', () => {
      const { serialize } = responseSerializer(route, { checkAgainstSchema: false });
      expect(JSON.parse(serialize(wrong))).toEqual({
        code: '42',
        applicant: { name: '', phone: null },
        fees: [{ amount: 50_000 }],
      });
      // off is the default
      expect(responseSerializer(route).serialize(wrong)).toBe(serialize(wrong));
    });

    it('writes a right answer the same, on or off, leaving out unlisted fields', () => {
      const on = responseSerializer(route, { checkAgainstSchema: true }).serialize({ ...right, ...LEAKED });
      const off = responseSerializer(route, { checkAgainstSchema: false }).serialize({ ...right, ...LEAKED });
      expect(on).toBe(off);
      expect(JSON.parse(on)).toEqual(right);
    });

    it('answers 500 through the app when a route answers the wrong shape, logging why', async () => {
      const logged: string[] = [];
      const config = testConfig({ LOG_LEVEL: 'error' });
      expect(config.CHECK_RESPONSES).toBe(true);
      const checked = Fastify(serverOptions(config, { write: (line: string) => void logged.push(line) }));
      await checked.register(app, { config });
      checked.get('/wrong-shape', { schema: { response: { 200: schema } } }, async () => wrong);
      try {
        const response = await checked.inject({ method: 'GET', url: '/wrong-shape' });
        expect(response.statusCode).toBe(500);
        expect(logged.join('\n')).toContain('GET /wrong-shape 200: the answer does not match its response schema');
      } finally {
        await checked.close();
      }
    });
  });
});
