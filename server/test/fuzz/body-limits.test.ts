import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@motcua/common/testing';
import { dossierBody } from '../helpers/requests.js';
import { buildFuzzApp, type FuzzApp } from './fuzz-app.js';
import {
  allowedCaller,
  operationsWithInput,
  RequestGenerator,
  urlWithValidParams,
  ValuePools,
  type FuzzOperation,
} from './requests.js';

/**
 * Hostile sizes: each route reads at most the body its schema can need (Fastify's default would let
 * any route be sent 1 MiB), refuses more with 413 in the error body, and a long text never holds the
 * event loop. Issue 7: a 100 KB applicant e-mail took 5.3 s to refuse, and a public catalogue request
 * sent meanwhile waited 4.9 s.
 */
let fuzz: FuzzApp;
let bodyRoutes: FuzzOperation[];
let generator: RequestGenerator;

function post(operation: FuzzOperation, payload: string) {
  return fuzz.app.inject({
    method: operation.method as 'POST',
    url: urlWithValidParams(generator, operation),
    headers: { ...allowedCaller(fuzz.callers, operation), 'content-type': 'application/json' },
    payload,
  });
}

beforeAll(async () => {
  fuzz = await buildFuzzApp();
  generator = new RequestGenerator(seededRandom(7), fuzz.document, fuzz.callers, new ValuePools(), new Map());
  bodyRoutes = operationsWithInput(fuzz.document, fuzz.routes).filter((operation) => operation.body !== undefined);
});

afterAll(async () => {
  await fuzz?.close();
});

describe('a 100 KB applicant e-mail (issue 7)', () => {
  it('gets its 400 naming body/applicant/email within 100 ms, as a receptionist, and holds up no citizen', async () => {
    // given a receptionist, who may receive dossiers and so reaches validation, and a 100 KB e-mail
    // that made the old pattern try every pair of dots
    const receptionist = fuzz.callers.find((caller) => caller.username === 'receptionist')!;
    const payload = dossierBody({ applicant: { ...dossierBody().applicant, email: `a@${'.'.repeat(100_000)}@` } });
    const send = () =>
      fuzz.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: { authorization: receptionist.authorization },
        payload,
      });
    await send();
    // when it is posted again, with a citizen reading the catalogue meanwhile
    const started = performance.now();
    const [response, catalogue] = await Promise.all([
      send().then((answer) => ({ answer, ms: performance.now() - started })),
      fuzz.app
        .inject({ method: 'GET', url: '/api/public/procedures' })
        .then((answer) => ({ answer, ms: performance.now() - started })),
    ]);
    // then it is refused at once for its length, and the citizen is served at once too
    expect(response.answer.statusCode).toBe(400);
    expect(response.answer.json().issues).toEqual([
      expect.objectContaining({ path: 'body/applicant/email', code: 'too_long' }),
    ]);
    expect(response.ms).toBeLessThan(100);
    expect(catalogue.answer.statusCode).toBe(200);
    expect(catalogue.ms).toBeLessThan(1_000);
  });
});

describe('body limits of the routes', () => {
  it('are declared by every route that reads a body, within what Fastify would allow', () => {
    const writes = fuzz.routes.filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method));
    expect(writes.length).toBeGreaterThan(0);
    expect(
      writes.filter((route) => route.bodyLimit === undefined).map((route) => `${route.method} ${route.path}`),
    ).toEqual([]);
  });

  it('let through the largest body each schema admits', async () => {
    expect(bodyRoutes.length).toBeGreaterThan(0);
    const refused: string[] = [];
    for (const operation of bodyRoutes) {
      // given the largest body of the route's schema, every text in a 4-byte character
      const payload = JSON.stringify(generator.largest(operation.body!));
      // when an account the route admits sends it
      const response = await post(operation, payload);
      // then the body is read: the schema, or the service, decides
      const bytes = Buffer.byteLength(payload);
      if (response.statusCode === 413 || bytes > operation.access.bodyLimit!) {
        refused.push(
          `${operation.method} ${operation.path}: ${bytes} bytes, limit ${operation.access.bodyLimit}, ${response.statusCode}`,
        );
      }
    }
    expect(refused).toEqual([]);
  });

  it('refuse a body one byte over the limit with 413 in the error body', async () => {
    const answers = [];
    for (const operation of bodyRoutes) {
      // given a body one byte longer than the route's limit
      const limit = operation.access.bodyLimit!;
      const payload = `{"padding":"${'a'.repeat(limit + 1 - 14)}"}`;
      // when an account the route admits sends it
      const response = await post(operation, payload);
      answers.push({
        route: `${operation.method} ${operation.path}`,
        bytes: Buffer.byteLength(payload) - limit,
        body: response.json(),
      });
    }
    // then each is refused for its size, in the error body; a route whose guard finds no resource of
    // its path refuses with 404 before reading any body at all
    const tooLarge = { statusCode: 413, error: 'Payload Too Large', message: expect.any(String) };
    const noResource = { statusCode: 404, error: 'Not Found', message: expect.any(String) };
    expect(answers).toEqual(
      bodyRoutes.map((operation) => ({
        route: `${operation.method} ${operation.path}`,
        bytes: 1,
        body: operation.path.includes('{') ? expect.toBeOneOf([tooLarge, noResource]) : tooLarge,
      })),
    );
    expect(answers.filter(({ body }) => body.statusCode === 413).length).toBeGreaterThan(bodyRoutes.length / 2);
  });
});

/**
 * The bounds of every query parameter the OpenAPI document declares, just past the edge (issue 7,
 * 5: `page` had no maximum, so a deep page made the database skip millions of rows). Read from the
 * document, so a new list route or parameter is covered without editing this test: one past each
 * numeric maximum, one under each minimum, and one character past each maxLength are answered 400
 * naming querystring/<name>, by a caller the route admits.
 */
const getOperations = () =>
  operationsWithInput(fuzz.document, fuzz.routes).filter((operation) => operation.method === 'GET');

interface Bound {
  operation: FuzzOperation;
  name: string;
  value: string;
  why: string;
}

/** Every value just past a declared bound of a query parameter. */
function boundsPassed(): Bound[] {
  return getOperations().flatMap((operation) =>
    (operation.operation.parameters ?? [])
      .filter((parameter) => parameter.in === 'query')
      .flatMap(({ name, schema = {} }): Bound[] => {
        const s = schema as { type?: string; maximum?: number; minimum?: number; maxLength?: number; pattern?: string };
        const past: Bound[] = [];
        if (typeof s.maximum === 'number')
          past.push({ operation, name, value: String(s.maximum + 1), why: `maximum ${s.maximum}` });
        if (typeof s.minimum === 'number')
          past.push({ operation, name, value: String(s.minimum - 1), why: `minimum ${s.minimum}` });
        if (typeof s.maxLength === 'number' && s.pattern === undefined) {
          past.push({ operation, name, value: 'a'.repeat(s.maxLength + 1), why: `maxLength ${s.maxLength}` });
        }
        return past;
      }),
  );
}

describe('the bounds of the query parameters', () => {
  it('include a maximum page on every paged list', () => {
    const paged = getOperations().filter((operation) => operation.operation.parameters?.some((p) => p.name === 'page'));
    expect(paged.length).toBeGreaterThan(1);
    const unbounded = paged.filter(
      (operation) =>
        typeof (operation.operation.parameters?.find((p) => p.name === 'page')?.schema as { maximum?: number })
          ?.maximum !== 'number',
    );
    expect(unbounded.map((operation) => operation.path)).toEqual([]);
  });

  it('refuse a value just past each of them with 400 naming the parameter', async () => {
    const bounds = boundsPassed();
    expect(bounds.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const { operation, name, value, why } of bounds) {
      const url = `${urlWithValidParams(generator, operation)}?${new URLSearchParams({ [name]: value })}`;
      const response = await fuzz.app.inject({ method: 'GET', url, headers: allowedCaller(fuzz.callers, operation) });
      const issues =
        response.statusCode === 400 ? ((response.json() as { issues?: { path: string }[] }).issues ?? []) : [];
      if (!issues.some((issue) => issue.path === `querystring/${name}`)) {
        wrong.push(
          `${operation.path} ${name} (${why}) = ${value.slice(0, 20)}: ${response.statusCode} ${response.body.slice(0, 160)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });
});
