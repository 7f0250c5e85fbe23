import type { Fee, ProcedureDetail, ProcedureVersionInput, RequiredDocument } from '@motcua/common';
import { isoToVietnamLocal, vietnamLocalToIso } from '../components/vietnamTime.js';

/** The version form's values: the API's fields, with effectiveFrom as a Vietnam datetime-local. */
export type VersionFormValues = Omit<ProcedureVersionInput, 'effectiveFrom'> & { effectiveFrom: string };

const blankToUndefined = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);

/** What the API receives: whole numbers, optional notes left out when blank, the date as an instant. */
export function toVersionInput<T extends VersionFormValues>(
  values: T,
): Omit<T, 'effectiveFrom'> & ProcedureVersionInput {
  return {
    ...values,
    processingDays: Number(values.processingDays),
    fees: (values.fees ?? []).map((fee): Fee => ({
      name: fee.name,
      amountVnd: Number(fee.amountVnd),
      note: blankToUndefined(fee.note),
    })),
    requiredDocuments: (values.requiredDocuments ?? []).map((document): RequiredDocument => ({
      name: document.name,
      originals: Number(document.originals),
      copies: Number(document.copies),
      mandatory: Boolean(document.mandatory),
      note: blankToUndefined(document.note),
    })),
    effectiveFrom: vietnamLocalToIso(values.effectiveFrom) ?? values.effectiveFrom,
  };
}

/** A new version starts from the current one's content, applying from now on. */
export function nextVersionDefaults(procedure: ProcedureDetail, now: Date = new Date()): VersionFormValues {
  return {
    name: procedure.name,
    field: procedure.field,
    level: procedure.level,
    processingDays: procedure.processingDays,
    fees: procedure.fees,
    requiredDocuments: procedure.requiredDocuments,
    legalBasis: procedure.legalBasis,
    processKey: procedure.processKey,
    effectiveFrom: isoToVietnamLocal(now.toISOString()),
  };
}
