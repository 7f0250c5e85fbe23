import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CalendarDateSchema,
  DossierCodeSchema,
  IdNumberSchema,
  PhoneSchema,
  ProcessKeySchema,
  QueryDossierSchema,
  describeIssue,
  text,
} from '../src/index.js';

/** The first issue a schema raises for `input`, described as the API reports it. */
function describedFailure(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  const [issue] = result.error.issues;
  if (!issue) throw new Error('a failed parse without issues');
  const value = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)[key], input);
  return describeIssue(issue, value);
}

describe('describeIssue', () => {
  it('gives each format of the contract its own code and keeps the schema message', () => {
    expect(describedFailure(IdNumberSchema, '12345')).toEqual({
      code: 'invalid_id_number',
      message: 'must be a 9-digit or 12-digit identity number',
    });
    expect(describedFailure(PhoneSchema, '12-34').code).toBe('invalid_phone');
    expect(describedFailure(DossierCodeSchema, 'abc').code).toBe('invalid_dossier_code');
    expect(describedFailure(ProcessKeySchema, '1abc').code).toBe('invalid_process_key');
  });

  it('calls a field with nothing at its path required, whatever zod calls it', () => {
    // given a missing page and a page that is not a number
    const missing = describeIssue({ code: 'invalid_type', expected: 'number', message: 'Invalid input' }, undefined);
    const mistyped = describedFailure(QueryDossierSchema, { page: 'abc' });
    // then only the missing one is "required"
    expect(missing).toEqual({ code: 'required', message: 'is required' });
    expect(mistyped).toMatchObject({ code: 'invalid_type', params: { expected: 'number' } });
  });

  it('tells text lengths from number bounds and passes the bound', () => {
    expect(describedFailure(z.string().min(2), 'a')).toMatchObject({ code: 'too_short', params: { min: 2 } });
    expect(describedFailure(z.string().max(3), 'abcd')).toMatchObject({ code: 'too_long', params: { max: 3 } });
    expect(describedFailure(QueryDossierSchema, { page: '0' })).toMatchObject({
      code: 'too_small',
      params: { min: 1 },
    });
    expect(describedFailure(QueryDossierSchema, { perPage: '101' })).toMatchObject({
      code: 'too_big',
      params: { max: 100 },
    });
  });

  it('lists the allowed values of an enum, names a bad e-mail address and calls anything else invalid', () => {
    expect(describedFailure(QueryDossierSchema, { status: 'lost' })).toMatchObject({
      code: 'invalid_option',
      params: { options: expect.stringContaining('received, in_progress') },
    });
    expect(describedFailure(z.email(), 'not-an-email').code).toBe('invalid_email');
    expect(describedFailure(z.object({}).strict(), { extra: 1 }).code).toBe('invalid');
  });
});

describe('free text', () => {
  it('keeps letters of any script, emoji and line breaks, and refuses control characters and half characters', () => {
    const name = text(200);
    for (const kept of ['Nguyễn Thị Ánh', 'Đỗ Văn 🙂 Bình', 'dòng một\ndòng hai', '\u{20BB7}']) {
      expect(name.safeParse(kept).success, JSON.stringify(kept)).toBe(true);
    }
    // PostgreSQL refuses NUL in text and a lone surrogate in JSON: both would answer 500, not 400
    for (const refused of ['a\u0000b', 'a\u007fb', 'a\uD800b', 'a\uDC00', '\uDFFF\uD800']) {
      expect(name.safeParse(refused).success, JSON.stringify(refused)).toBe(false);
    }
  });
});

describe('calendar dates', () => {
  it('accepts a real day and refuses a day the calendar does not have, with invalid_date', () => {
    expect(CalendarDateSchema.parse(' 2028-02-29 ')).toBe('2028-02-29');
    expect(describedFailure(CalendarDateSchema, '2026-02-30').code).toBe('invalid_date');
    expect(describedFailure(CalendarDateSchema, '27/11/2026').code).toBe('invalid_date');
  });
});

describe('the contract formats in JSON Schema', () => {
  it('show the format name and the pattern, for the OpenAPI document', () => {
    expect(z.toJSONSchema(IdNumberSchema)).toMatchObject({
      type: 'string',
      format: 'id_number',
      pattern: '^(\\d{9}|\\d{12})$',
    });
  });
});
