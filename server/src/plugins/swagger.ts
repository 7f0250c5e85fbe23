import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document, generated from the routes' zod schemas, and its UI at /api/docs
 * (JSON at /api/docs/json). Every operation needs a bearer token unless it says `security: []`.
 */
export default fp(
  async function swagger(fastify) {
    await fastify.register(fastifySwagger, {
      openapi: {
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
