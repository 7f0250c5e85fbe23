import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { Validator } from 'react-admin';
import { CompleteTaskSchema, CreateDossierSchema, describeIssue, type IssueCode } from '@motcua/common';
import { applicantValidators } from '../src/dossiers/validation.js';
import { issueMessageKey } from '../src/providers/apiErrors.js';
import { en } from '../src/i18n/en.js';
import { vi } from '../src/i18n/vi.js';

/** Runs a form validator on one value, as react-admin does for a field. */
function check(validator: Validator, value: unknown) {
  return validator(value, {}, {});
}

describe('applicantValidators', () => {
  it('words a rejected value with the sentence of the code the server would send', () => {
    expect(check(applicantValidators.idNumber, '12345')).toEqual({
      message: 'motcua.validation.invalid_id_number',
      args: {},
    });
    expect(check(applicantValidators.phone, '12-34')).toEqual({ message: 'motcua.validation.invalid_phone', args: {} });
    expect(check(applicantValidators.fullName, 'A')).toEqual({
      message: 'motcua.validation.too_short',
      args: { min: 2 },
    });
    expect(check(applicantValidators.address, 'Huế')).toEqual({
      message: 'motcua.validation.too_short',
      args: { min: 5 },
    });
  });

  it('accepts what the server accepts and leaves empty values to required()', () => {
    expect(check(applicantValidators.idNumber, ' 049090000001 ')).toBeUndefined();
    expect(check(applicantValidators.phone, '+84912345678')).toBeUndefined();
    expect(check(applicantValidators.fullName, '')).toBeUndefined();
    expect(check(applicantValidators.address, undefined)).toBeUndefined();
  });
});

describe('the issue sentences', () => {
  it('fill in every parameter of the issues the shared request schemas raise, in both languages', () => {
    // given a request body that breaks every kind of rule of the shared schemas
    const body = {
      procedureCode: '',
      channel: 'fax',
      applicant: { fullName: 'x'.repeat(201), idNumber: '1', phone: 42, address: 'x' },
    };
    const issues = [
      ...(CreateDossierSchema.safeParse(body).error?.issues ?? []),
      ...(CompleteTaskSchema.safeParse({ outcome: 'maybe' }).error?.issues ?? []),
    ];
    const described = issues.map((issue) => describeIssue(issue, 'present'));
    expect(new Set(described.map(({ code }) => code))).toEqual(
      new Set<IssueCode>(['too_short', 'too_long', 'invalid_option', 'invalid_id_number', 'invalid_type']),
    );
    // when translating each by its code, then no placeholder is left unfilled
    for (const messages of [vi, en]) {
      const translate = polyglotI18nProvider(() => messages, 'vi').translate;
      for (const { code, params, message } of described) {
        expect(translate(issueMessageKey(code), { ...params, message })).not.toMatch(/%\{|motcua\./);
      }
    }
  });
});
