import { TRICKY_TEXTS } from '@motcua/common/testing';
import type { Caller, JsonSchema, OpenApiDocument, Operation, RouteAccess } from './fuzz-app.js';

/**
 * Requests generated from the OpenAPI document: for each route that takes a body, a query or path
 * parameters, values of the right shape (real codes and ids where the fuzz has seen some), values at
 * and past the bounds of the schema, and hostile ones (wrong types, numbers at the edges of what a
 * double holds, text up to the body limit, deep nesting, prototype keys, tricky unicode), sent as a
 * caller the route admits, as one it does not, anonymously and with a forged token.
 */

/** One generated request, with what was done to it, for the failure messages. */
export interface FuzzRequest {
  method: string;
  /** The OpenAPI path it was generated for. */
  route: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  caller: string;
  variant: string;
}

/** An operation that takes input, with the access recorded for its route. */
export interface FuzzOperation {
  method: string;
  path: string;
  operation: Operation;
  access: RouteAccess;
  body: JsonSchema | undefined;
}

type Random = () => number;

const HUGE = 100_000;
/** A forged token: signed with another key. */
const FORGED =
  'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl0sInZlciI6MH0.c2lnbmF0dXJl';

/** Numbers at the edges: of a double, of PostgreSQL integers, of safe integers, and the odd ones. */
const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e21,
];
/** What a field of another type, or a number parsed from text, may be sent. */
const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [[]],
  { a: { b: {} } },
  '1e308',
  '-0',
  'NaN',
  '0x10',
  '99999999999999999999999',
  ' 1',
  'true',
  'null',
];

/**
 * A value percent-encoded as UTF-8, as a client writes it; unlike encodeURIComponent it takes a lone
 * surrogate (written as U+FFFD, as a UTF-8 encoder does) instead of throwing.
 */
function percentEncode(value: string): string {
  return Buffer.from(value, 'utf8')
    .toString('binary')
    .replace(
      /[^A-Za-z0-9\-_.~]/g,
      (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
}

/** Every operation of the document that takes a body, a query or path parameters. */
export function operationsWithInput(document: OpenApiDocument, routes: readonly RouteAccess[]): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const access = routes.find((route) => route.path === path && route.method === method.toUpperCase());
      const body = operation.requestBody?.content['application/json']?.schema;
      const takesInput =
        body !== undefined || (operation.parameters ?? []).some((parameter) => parameter.in !== 'header');
      return access && takesInput ? [{ method: method.toUpperCase(), path, operation, access, body }] : [];
    }),
  );
}

/** Values seen in the app's answers, by property name: real codes and ids make requests reach the services. */
export class ValuePools {
  private readonly byName = new Map<string, Set<unknown>>();

  /** Records every scalar of a JSON answer under its property name. */
  harvest(value: unknown, name = ''): void {
    if (Array.isArray(value)) {
      for (const item of value) this.harvest(item, name);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) this.harvest(inner, key);
    } else if (name !== '' && (typeof value === 'string' || typeof value === 'number')) {
      const pool = this.byName.get(name) ?? new Set();
      if (pool.size < 50) pool.add(value);
      this.byName.set(name, pool);
    }
  }

  /** Seen values that fit a field: of its name, or of its last word (`procedureCode` → `code`). */
  for(name: string, schema: JsonSchema): unknown[] {
    const lastWord = name.replace(/^.*(?=[A-Z])/, '').toLowerCase();
    const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern);
    return [...(this.byName.get(name) ?? []), ...(lastWord === name ? [] : (this.byName.get(lastWord) ?? []))].filter(
      (value) =>
        typeof value === 'string'
          ? typeOf(schema).includes('string') &&
            value.length <= (schema.maxLength ?? Infinity) &&
            (pattern?.test(value) ?? true)
          : typeOf(schema).some((type) => type === 'integer' || type === 'number'),
    );
  }
}

function typeOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** Generates the requests of a run; `random` is the run's seeded generator. */
export class RequestGenerator {
  private readonly schemas: Record<string, JsonSchema>;

  constructor(
    private readonly random: Random,
    document: OpenApiDocument & { components?: { schemas?: Record<string, JsonSchema> } },
    private readonly callers: readonly Caller[],
    private readonly pools: ValuePools,
    /** Strings that make a pattern backtrack, by pattern source. */
    private readonly pathological: ReadonlyMap<string, readonly string[]>,
  ) {
    this.schemas = document.components?.schemas ?? {};
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }

  private integer(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  private resolve(schema: JsonSchema): JsonSchema {
    return schema.$ref ? this.resolve(this.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
  }

  /**
   * The largest body a schema admits: every property present, each string at its maximum length in
   * a character that takes 4 bytes in UTF-8 (base64 is ASCII), each array at its maximum length.
   */
  largest(schema: JsonSchema): unknown {
    const resolved = this.resolve(schema);
    const options = resolved.anyOf ?? resolved.oneOf;
    if (options) {
      const bodies = options.map((option) => this.largest(option));
      return bodies.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
    }
    if (resolved.enum) return resolved.enum.reduce((a, b) => (String(b).length > String(a).length ? b : a));
    const [type = 'string'] = typeOf(resolved);
    if (type === 'object') {
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {}).map(([key, value]) => [key, this.largest(value)]),
      );
    }
    if (type === 'array')
      return Array.from({ length: resolved.maxItems ?? 0 }, () => this.largest(resolved.items ?? {}));
    if (type === 'integer' || type === 'number') return -Number.MAX_VALUE;
    if (type === 'boolean') return false;
    return (resolved.format === 'base64' ? 'A' : '😀').repeat(resolved.maxLength ?? 0);
  }

  /** A request for the operation: valid-shaped, then, most of the time, made hostile in one place. */
  next(operation: FuzzOperation): FuzzRequest {
    const { caller, headers } = this.callerFor(operation.access);
    const variants: string[] = [];
    const parameters = operation.operation.parameters ?? [];
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const schema = parameters.find((parameter) => parameter.name === name)?.schema ?? {};
      if (this.chance(0.2)) {
        variants.push(`params/${name}`);
        // escapes as written, malformed ones included, or any hostile text percent-encoded
        return this.chance(0.2)
          ? this.pick(['%', '%zz', '%E0%A4%A', '..', '%2e%2e%2f', '%00', '%C0%AE', '%F0%9F%98'])
          : percentEncode(this.pick(this.hostileStrings(schema)));
      }
      return percentEncode(String(this.valid(schema, name)));
    });
    const query = parameters
      .filter((parameter) => parameter.in === 'query')
      .flatMap((parameter): [string, string][] => {
        if (this.chance(0.15)) {
          variants.push(`query/${parameter.name}`);
          const value = this.pick([
            ...this.hostileStrings(parameter.schema),
            ...WRONG_TYPES.map((type) => JSON.stringify(type)),
          ]);
          return this.chance(0.2)
            ? [
                [parameter.name, value],
                [parameter.name, value],
              ]
            : [[parameter.name, value]];
        }
        const present = parameter.required === true || this.chance(0.6);
        return present ? [[parameter.name, String(this.valid(parameter.schema, parameter.name))]] : [];
      });
    if (this.chance(0.05)) {
      variants.push('query/extra');
      query.push([this.pick(['__proto__', 'constructor', 'x']), this.pick(TRICKY_TEXTS)]);
    }
    const search = query.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
    const request: FuzzRequest = {
      method: operation.method,
      route: operation.path,
      url: search ? `${path}?${search}` : path,
      headers,
      caller,
      variant: '',
    };
    if (operation.body) this.addBody(request, operation, variants);
    request.variant = variants.join(', ') || 'valid-shaped';
    return request;
  }

  private callerFor(access: RouteAccess): { caller: string; headers: Record<string, string> } {
    const allowed = this.callers.filter((caller) => access.roles?.some((role) => caller.roles.includes(role)) ?? false);
    const others = this.callers.filter((caller) => !allowed.includes(caller));
    const roll = this.random();
    const signedIn = (caller: Caller) => ({
      caller: caller.username,
      headers: { authorization: caller.authorization },
    });
    if (access.roles === undefined)
      return roll < 0.85 ? { caller: 'anonymous', headers: {} } : signedIn(this.pick(this.callers));
    if (roll < 0.75 && allowed.length > 0) return signedIn(this.pick(allowed));
    if (roll < 0.87 && others.length > 0) return signedIn(this.pick(others));
    if (roll < 0.95) return { caller: 'anonymous', headers: {} };
    return { caller: 'forged token', headers: { authorization: FORGED } };
  }

  private addBody(request: FuzzRequest, operation: FuzzOperation, variants: string[]): void {
    const schema = this.resolve(operation.body!);
    const body = this.valid(schema, '') as Record<string, unknown>;
    const limit = operation.access.bodyLimit ?? 1024 * 1024;
    request.headers['content-type'] = 'application/json';
    const roll = this.random();
    if (roll < 0.5) {
      const path = this.mutate(body, schema);
      variants.push(`body${path}`);
      request.payload = JSON.stringify(body);
    } else if (roll < 0.62) {
      const [variant, payload] = this.hostileBody(body, limit);
      variants.push(variant);
      request.payload = payload;
    } else if (roll < 0.65) {
      variants.push('content-type');
      request.headers['content-type'] = this.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/json; charset=latin1',
      ]);
      request.payload = JSON.stringify(body);
    } else {
      request.payload = JSON.stringify(body);
    }
  }

  /** Whole bodies that are no object of the schema, or sit at the body limit. */
  private hostileBody(body: Record<string, unknown>, limit: number): [string, string] {
    const json = JSON.stringify(body);
    // the padding field is unknown to the schema, which strips it
    const padded = (bytes: number) =>
      `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"padding":"${'a'.repeat(Math.max(0, bytes - json.length - 14))}"}`;
    const depth = this.pick([100, 10_000, 100_000]);
    const choices: [string, () => string][] = [
      ['body at the limit', () => padded(Math.min(limit, 9 * 1024 * 1024))],
      ['body past the limit', () => padded(limit + 1)],
      ['deep array', () => '['.repeat(depth) + ']'.repeat(depth)],
      [
        'deep field',
        () => `{"${Object.keys(body)[0] ?? 'x'}":${'{"a":'.repeat(depth / 10)}1${'}'.repeat(depth / 10)}}`,
      ],
      ['__proto__', () => `{"__proto__":{"isAdmin":true},${json.slice(1)}`],
      ['constructor.prototype', () => `{"constructor":{"prototype":{"isAdmin":true}},${json.slice(1)}`],
      ['not json', () => this.pick(['{', '{"a":', '\u0000', 'undefined', "{'a':1}", '{"a":1}{"b":2}'])],
      ['empty', () => ''],
      ['no object', () => this.pick(['null', '[]', '"text"', '1', 'true', '[{}]'])],
      ['duplicate keys', () => `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${json.slice(1)}`],
    ];
    const [variant, make] = this.pick(choices);
    return [variant, make()];
  }

  /** Replaces one value of the body, at any depth, by a hostile one; returns its path. */
  private mutate(body: Record<string, unknown>, schema: JsonSchema): string {
    let holder: Record<string, unknown> | unknown[] = body;
    let current = schema;
    let path = '';
    for (;;) {
      current = this.variant(current);
      const keys: (string | number)[] = Array.isArray(holder)
        ? holder.map((_, index) => index)
        : Object.keys(current.properties ?? {});
      if (keys.length === 0) break;
      const key = this.pick(keys);
      const childSchema = Array.isArray(holder) ? (current.items ?? {}) : (current.properties?.[key] ?? {});
      const child = (holder as Record<string | number, unknown>)[key];
      path += `/${key}`;
      if (child !== null && typeof child === 'object' && this.chance(0.6)) {
        holder = child as Record<string, unknown>;
        current = childSchema;
        continue;
      }
      (holder as Record<string | number, unknown>)[key] = this.hostile(this.variant(childSchema), String(key));
      return path;
    }
    const extra = this.pick(['__proto__', 'constructor', 'prototype', 'extra', '']);
    Object.defineProperty(holder, extra, {
      value: this.pick(WRONG_TYPES),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return `${path}/${extra} (extra)`;
  }

  /** One option of a union, the schema itself otherwise. */
  private variant(schema: JsonSchema): JsonSchema {
    const resolved = this.resolve(schema);
    const options = resolved.anyOf ?? resolved.oneOf;
    return options ? this.variant(this.pick(options)) : resolved;
  }

  private hostile(schema: JsonSchema, name: string): unknown {
    const types = typeOf(schema);
    if (this.chance(0.25)) return this.pick(WRONG_TYPES);
    if (types.includes('integer') || types.includes('number')) {
      const { minimum = -1, maximum = 1 } = schema;
      return this.pick([...EDGE_NUMBERS, minimum - 1, maximum + 1, minimum - 0.5, maximum + 0.5]);
    }
    if (types.includes('array')) {
      const item = this.valid(schema.items ?? {}, name);
      const count = this.pick([0, (schema.maxItems ?? 10) + 1, 10_000]);
      return Array.from({ length: count }, () => item);
    }
    if (types.includes('boolean')) return this.pick(['true', 1, 0, 'false', null]);
    return this.pick(this.hostileStrings(schema));
  }

  /** Strings at and past the bounds of a string schema, tricky text, and what makes its pattern backtrack. */
  private hostileStrings(schema: JsonSchema): string[] {
    const max = schema.maxLength ?? 1000;
    return [
      '',
      ' ',
      '\t\n',
      'a'.repeat(max),
      'a'.repeat(max + 1),
      'ệ'.repeat(max + 1),
      `${'a'.repeat(HUGE)}!`,
      ...TRICKY_TEXTS,
      ...WRONG_TYPES.filter((value): value is string => typeof value === 'string'),
      ...(schema.pattern ? (this.pathological.get(schema.pattern) ?? []) : []),
    ];
  }

  /** A value of the schema's shape; real values seen in answers when the field's name has some. */
  valid(schema: JsonSchema, name: string): unknown {
    const resolved = this.variant(schema);
    if (resolved.enum) return this.pick(resolved.enum);
    if (resolved.const !== undefined) return resolved.const;
    const pooled = this.pools.for(name, resolved);
    if (pooled.length > 0 && this.chance(0.8)) return this.pick(pooled);
    const types = typeOf(resolved);
    const type = types.length > 0 ? this.pick(types) : 'string';
    switch (type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(resolved.properties ?? {})
            .filter(([key]) => resolved.required?.includes(key) || this.chance(0.5))
            .map(([key, property]) => [key, this.valid(property, key)]),
        );
      case 'array':
        return Array.from({ length: this.integer(resolved.minItems ?? 0, Math.min(resolved.maxItems ?? 3, 3)) }, () =>
          this.valid(resolved.items ?? {}, name),
        );
      case 'integer':
        return this.integer(Math.max(resolved.minimum ?? 0, -1000), Math.min(resolved.maximum ?? 1000, 1000));
      case 'number':
        return this.random() * Math.min(resolved.maximum ?? 1000, 1000);
      case 'boolean':
        return this.chance(0.5);
      case 'null':
        return null;
      default:
        return this.validString(resolved);
    }
  }

  private validString(schema: JsonSchema): string {
    if (schema.example !== undefined && this.chance(0.7)) return String(schema.example);
    switch (schema.format) {
      case 'date-time':
        return new Date(
          Date.UTC(this.integer(2020, 2030), this.integer(0, 11), this.integer(1, 28), this.integer(0, 23)),
        ).toISOString();
      case 'local_date':
        return new Date(Date.UTC(this.integer(1990, 2210), this.integer(0, 11), this.integer(1, 31)))
          .toISOString()
          .slice(0, 10);
      case 'uuid':
        return [8, 4, 4, 4, 12]
          .map((length) => Array.from({ length }, () => this.pick([...'0123456789abcdef'])).join(''))
          .join('-');
      case 'base64':
        return Buffer.from(this.pick(['%PDF-1.4\n', 'PK\u0003\u0004word/document.xml', 'plain text'])).toString(
          'base64',
        );
      default: {
        const alphabet = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĐ0123456789 .,-';
        const length = this.integer(
          schema.minLength ?? 0,
          Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 30, 30)),
        );
        return Array.from({ length }, () => this.pick([...alphabet])).join('');
      }
    }
  }
}

/** The authorization header of a demo account that the route admits; none for a public route. */
export function allowedCaller(callers: readonly Caller[], operation: FuzzOperation): Record<string, string> {
  if (operation.access.roles === undefined) return {};
  const caller = callers.find((candidate) => operation.access.roles?.some((role) => candidate.roles.includes(role)));
  if (!caller) throw new Error(`no demo account may call ${operation.method} ${operation.path}`);
  return { authorization: caller.authorization };
}

/** The operation's URL with a valid-shaped value in each path parameter. */
export function urlWithValidParams(generator: RequestGenerator, operation: FuzzOperation): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = operation.operation.parameters?.find((parameter) => parameter.name === name)?.schema ?? {};
    return encodeURIComponent(String(generator.valid(schema, name)));
  });
}
