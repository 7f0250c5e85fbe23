import type { Apology, Dossier } from '@motcua/common';
import type { DossierForm } from '../providers/dataProvider.js';

export interface ApplicableForm {
  form: DossierForm;
  /** False while the form cannot be printed yet (the receipt before the appointment is computed). */
  ready: boolean;
  /** The form the officer hands over now: the one matching the reception outcome or the last step. */
  primary: boolean;
}

/**
 * The standard forms that apply to a dossier, as the API gives them (404 otherwise): the receipt
 * (Mẫu 01) and the control sheet once processing started; the supplement request (Mẫu 02) after a
 * request at reception or during processing; the refusal (Mẫu 03) when refused; the apology
 * (Mẫu 04) once one is approved.
 */
export function applicableForms(dossier: Dossier, apologies: readonly Apology[]): ApplicableForm[] {
  const started = dossier.processInstanceId !== null;
  const supplementRequested =
    dossier.status === 'incomplete' ||
    dossier.missingItems.length > 0 ||
    dossier.pauses.some((pause) => pause.reason === 'supplement');
  const forms: ApplicableForm[] = [];
  if (started)
    forms.push({
      form: 'receipt',
      ready: dossier.originalDueAt !== null,
      primary: dossier.status === 'received' || dossier.status === 'in_progress',
    });
  if (supplementRequested) {
    forms.push({
      form: 'supplement-request',
      ready: true,
      primary: dossier.status === 'incomplete' || dossier.status === 'awaiting_supplement',
    });
  }
  if (dossier.status === 'refused') forms.push({ form: 'refusal', ready: true, primary: true });
  if (apologies.some((apology) => apology.status === 'approved'))
    forms.push({ form: 'apology', ready: true, primary: false });
  if (started) forms.push({ form: 'control-sheet', ready: true, primary: false });
  return forms;
}

/** The file name a form is saved under, e.g. "receipt-000.00.17.H41-261127-0001.pdf". */
export function formFileName(form: DossierForm, code: string): string {
  return `${form}-${code}.pdf`;
}
