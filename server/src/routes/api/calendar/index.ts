import { ACCESS } from '@motcua/common';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, NoContentSchema } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  CalendarDateParamsSchema,
  CalendarDayRecordSchema,
  CalendarYearParamsSchema,
  CalendarYearSchema,
  CreateCalendarDaySchema,
} from '../../../schemas/calendar.js';

/**
 * /api/calendar: the holiday calendar of a year (any officer) and the province admin's edits of its
 * data rows (the yearly official schedules, swap days, extra days off), which the legal clock uses at
 * once. Whether the admin's agency is the province is the guard of the routes that change it (the
 * calendar service's assertMayEdit), decided before the body is read.
 */
const calendarRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const provinceAdminOnly = async (request: FastifyRequest) => fastify.calendar.assertMayEdit(request.user);

  fastify.get(
    '/:year',
    {
      config: { roles: ACCESS.calendar.list },
      schema: {
        tags: ['calendar'],
        summary: 'Holidays (lunar ones computed), compensatory days, days off and worked days of a year',
        params: CalendarYearParamsSchema,
        response: { 200: CalendarYearSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => fastify.calendar.year(request.params.year),
  );

  fastify.post(
    '/days',
    {
      config: { roles: ACCESS.calendar.create, guard: provinceAdminOnly },
      bodyLimit: bodyLimitFor(CreateCalendarDaySchema),
      schema: {
        tags: ['calendar'],
        summary: 'Add a row: an official holiday date, a day off, or a worked weekend day',
        body: CreateCalendarDaySchema,
        response: { 201: CalendarDayRecordSchema, ...errorResponses(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.calendar.addDay(request.user, request.body)),
  );

  fastify.delete(
    '/days/:date',
    {
      config: { roles: ACCESS.calendar.delete, guard: provinceAdminOnly },
      bodyLimit: bodyLimitFor(),
      schema: {
        tags: ['calendar'],
        summary: 'Delete the row of a date: the day follows the rules again',
        params: CalendarDateParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      await fastify.calendar.removeDay(request.user, request.params.date);
      return reply.code(204).send(null);
    },
  );
};

export default calendarRoutes;
