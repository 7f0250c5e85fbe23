import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import { $ZodRegistry, type $ZodType } from 'zod/v4/core';

/** The document's OpenAPI version; it also decides how a zod schema becomes JSON Schema (3.0: `nullable`). */
const OPENAPI_VERSION = '3.0.3';

/**
 * The document's conversion with an empty registry of named schemas, so every component is inlined
 * (a compiled serializer cannot follow `#/components/schemas/...` references).
 */
const inliningTransform = createJsonSchemaTransform({ schemaRegistry: new $ZodRegistry() });

/**
 * A response's zod schema as the JSON Schema the OpenAPI document shows for it, components inlined:
 * one conversion for the document and for the response serializer (server/src/response-serializer.ts),
 * so what is documented is what is sent.
 */
export function responseJsonSchema(schema: $ZodType): OpenAPIV3.SchemaObject {
  const { schema: transformed } = inliningTransform({
    schema: { response: { 200: schema } },
    url: '/',
    route: { method: 'GET', url: '/' } as never,
    openapiObject: { openapi: OPENAPI_VERSION },
  } as Parameters<typeof inliningTransform>[0]);
  return (transformed as { response: Record<number, OpenAPIV3.SchemaObject> }).response[200]!;
}

/**
 * The OpenAPI document, generated from the routes' zod schemas, and its UI at /api/docs
 * (JSON at /api/docs/json). Every operation needs a bearer token unless it says `security: []`.
 */
export default fp(
  async function swagger(fastify) {
    await fastify.register(fastifySwagger, {
      openapi: {
        openapi: OPENAPI_VERSION,
        info: {
          title: 'Một Cửa API',
          description:
            'The electronic one-stop shop: receive dossiers, work their tasks, replay their history, ' +
            'and let citizens look up a dossier by its code.',
          version: '0.1.0',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        security: [{ bearerAuth: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await fastify.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'motcua-swagger' },
);
