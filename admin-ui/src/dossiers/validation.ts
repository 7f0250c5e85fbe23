import { ApplicantSchema, describeIssue, type ZodIssueFields } from '@motcua/common';
import type { Validator } from 'react-admin';
import { issueMessageKey } from '../providers/apiErrors.js';

interface Checkable {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly ZodIssueFields[] } };
}

/**
 * A react-admin validator that accepts what the server's schema accepts, so the officer sees the
 * error before submitting, in the very sentence the server's issue code would get. Empty values
 * are left to `required()`.
 */
function matching(schema: Checkable): Validator {
  return (value: unknown) => {
    if (value === undefined || value === null || value === '') return undefined;
    const result = schema.safeParse(value);
    const issue = result.success ? undefined : result.error.issues[0];
    if (!issue) return undefined;
    const { code, params } = describeIssue(issue, value);
    return { message: issueMessageKey(code), args: params ?? {} };
  };
}

export const applicantValidators = {
  fullName: matching(ApplicantSchema.shape.fullName),
  idNumber: matching(ApplicantSchema.shape.idNumber),
  phone: matching(ApplicantSchema.shape.phone),
  address: matching(ApplicantSchema.shape.address),
  email: matching(ApplicantSchema.shape.email),
};
