import type { CreateDossierInput, ReceptionOutcome, RequiredDocument, ResultDelivery } from '@motcua/common';
import { vietnamLocalToIso } from '../components/vietnamTime.js';

/** One line of the reception checklist: a required document of the procedure and what was handed in. */
export interface ChecklistLine {
  name: string;
  mandatory: boolean;
  handedIn: boolean;
  originals: number;
  copies: number;
}

/** The reception form's values: the API's fields plus the checklist and the back-entry switch. */
export interface ReceptionFormValues {
  procedureCode: string;
  applicant: { fullName: string; idNumber: string; phone: string; address: string; email?: string | null };
  channel: CreateDossierInput['channel'];
  outcome: ReceptionOutcome;
  requestSummary?: string | null;
  setCount?: number | null;
  checklist?: ChecklistLine[];
  /** ArrayInput rows: one missing item each. */
  missingItems?: { text?: string | null }[];
  refusalReason?: string | null;
  resultDelivery: ResultDelivery;
  deliveryAddress?: string | null;
  backEntered?: boolean;
  backEntry?: { receivedAt?: string | null; reason?: string | null };
}

/** The checklist of a procedure version: every required document, none ticked yet, with the counts it asks for. */
export function checklistOf(documents: readonly RequiredDocument[]): ChecklistLine[] {
  return documents.map((document) => ({
    name: document.name,
    mandatory: document.mandatory,
    handedIn: false,
    originals: document.originals,
    copies: document.copies,
  }));
}

/** The mandatory documents not handed in: what makes a dossier incomplete (Mẫu 02). */
export function missingMandatory(checklist: readonly ChecklistLine[] | undefined): string[] {
  return (checklist ?? []).filter((line) => line.mandatory && !line.handedIn).map((line) => line.name);
}

const text = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * What the API receives from the reception form: the documents ticked, and only the fields the
 * chosen outcome and delivery need (a supplement list for incomplete, reasons for refused, an
 * address for the post, the original time for a back-entry).
 */
export function toReception(values: ReceptionFormValues): CreateDossierInput {
  const { email, ...applicant } = values.applicant;
  const missingItems = (values.missingItems ?? []).map((row) => text(row.text)).filter((item) => item !== undefined);
  const receivedAt = values.backEntered ? vietnamLocalToIso(values.backEntry?.receivedAt) : null;
  return {
    procedureCode: values.procedureCode,
    applicant: { ...applicant, ...(text(email) ? { email: text(email) } : {}) },
    channel: values.channel,
    outcome: values.outcome,
    requestSummary: text(values.requestSummary),
    documents: (values.checklist ?? [])
      .filter((line) => line.handedIn)
      .map(({ name, originals, copies }) => ({ name, originals: Number(originals) || 0, copies: Number(copies) || 0 })),
    setCount: values.setCount ? Number(values.setCount) : undefined,
    resultDelivery: values.resultDelivery,
    deliveryAddress: values.resultDelivery === 'post' ? text(values.deliveryAddress) : undefined,
    missingItems: values.outcome === 'incomplete' ? missingItems : undefined,
    refusalReason: values.outcome === 'refused' ? text(values.refusalReason) : undefined,
    backEntry:
      values.backEntered && receivedAt ? { receivedAt, reason: text(values.backEntry?.reason) ?? '' } : undefined,
  };
}
