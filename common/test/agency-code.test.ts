import { describe, expect, it } from 'vitest';
import {
  AGENCY_CODE_MAX_LENGTH,
  AgencyCodeSchema,
  agencyCodeForm,
  agencyCodeProblem,
  describeIssue,
  isAgencyCode,
} from '../src/index.js';

describe('agency codes (Decision 20/2020/QĐ-TTg Art. 4)', () => {
  it('accepts the left-to-right codes issued since Decision 20/2020', () => {
    // a level-1 code alone, and codes of agencies two, three and four levels down
    for (const code of ['H35', 'H35.15', 'H15.50.05.13', 'A01.1.2', 'G12.ABC.07']) {
      expect({ code, form: agencyCodeForm(code) }).toEqual({ code, form: 'left_to_right' });
    }
  });

  it('accepts the legacy right-to-left codes of Circular 10/2016, with the level-1 code last', () => {
    for (const code of ['000.00.00.H41', '000.00.17.H41', '000.25.17.H41']) {
      expect({ code, form: agencyCodeForm(code) }).toEqual({ code, form: 'legacy_right_to_left' });
    }
  });

  it('refuses a level-1 code whose letter is Z or whose digits are not two', () => {
    for (const code of ['Z35', 'H3', 'H355', '35H', 'H35.']) {
      expect({ code, valid: isAgencyCode(code) }).toEqual({ code, valid: false });
    }
  });

  it('refuses lower-case letters, other characters and empty groups', () => {
    for (const code of ['h35.15', 'H35-15', 'H35..15', 'H35 15', '.H35', 'H35.đ']) {
      expect({ code, valid: isAgencyCode(code) }).toEqual({ code, valid: false });
    }
  });

  it(`refuses a code longer than ${AGENCY_CODE_MAX_LENGTH} characters and accepts one of exactly that length`, () => {
    // given codes of 35 and 36 characters made of valid groups
    const longest = `H35.${'1'.repeat(AGENCY_CODE_MAX_LENGTH - 4)}`;
    const tooLong = `${longest}2`;
    expect(longest).toHaveLength(35);
    // then only the first is a code
    expect(isAgencyCode(longest)).toBe(true);
    expect(isAgencyCode(tooLong)).toBe(false);
    expect(agencyCodeProblem(tooLong)).toBe('must have at most 35 characters');
  });

  it('says why a text is no agency code, most specific reason first', () => {
    expect(agencyCodeProblem('')).toBe('must not be empty');
    expect(agencyCodeProblem('h35')).toBe('may contain only the digits 0-9, the capital letters A-Z and dots');
    expect(agencyCodeProblem('35.H')).toMatch(/^must start with a level-1 code/);
    expect(agencyCodeProblem('H35.15')).toBeNull();
  });

  it('reports a malformed code in a request with the stable code invalid_agency_code', () => {
    // given the schema every route uses for agency codes
    const result = AgencyCodeSchema.safeParse('H35-15');
    // then its issue is described with the agency-code code
    expect(result.success).toBe(false);
    const [issue] = result.success ? [] : result.error.issues;
    expect(issue && describeIssue(issue, 'H35-15').code).toBe('invalid_agency_code');
    expect(AgencyCodeSchema.parse(' 000.00.17.H41 ')).toBe('000.00.17.H41');
  });
});
