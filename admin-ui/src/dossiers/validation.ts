import { ApplicantSchema } from '@motcua/common';
import type { Validator } from 'react-admin';

type Message = string | { message: string; args: Record<string, unknown> };

/**
 * A react-admin validator that accepts what the server's schema accepts, so the officer sees the
 * error before submitting; the message is a translation key.
 */
function matching(schema: { safeParse(value: unknown): { success: boolean } }, message: Message): Validator {
  return (value: unknown) =>
    value === undefined || value === null || value === '' || schema.safeParse(value).success ? undefined : message;
}

export const applicantValidators = {
  fullName: matching(ApplicantSchema.shape.fullName, { message: 'motcua.validation.min_chars', args: { min: 2 } }),
  idNumber: matching(ApplicantSchema.shape.idNumber, 'motcua.validation.id_number'),
  phone: matching(ApplicantSchema.shape.phone, 'motcua.validation.phone'),
  address: matching(ApplicantSchema.shape.address, { message: 'motcua.validation.min_chars', args: { min: 5 } }),
};
