import { describe, expect, it } from 'vitest';
import type { Apology, Dossier } from '@motcua/common';
import { applicableForms } from '../src/dossiers/forms.js';

const base = {
  status: 'in_progress',
  processInstanceId: 'p1',
  originalDueAt: '2026-12-18T03:00:00.000Z',
  missingItems: [],
  pauses: [],
} as unknown as Dossier;

const pause = {
  reason: 'supplement',
  items: ['Bản vẽ'],
  note: null,
  requestedBy: 'specialist',
  pausedAt: '2026-12-01T03:00:00.000Z',
  remainingWorkingMinutes: 3000,
  resumedAt: null,
  resumedBy: null,
};

const forms = (dossier: Partial<Dossier>, apologies: Partial<Apology>[] = []) =>
  applicableForms({ ...base, ...dossier } as Dossier, apologies as Apology[]).map(
    ({ form, ready, primary }) => `${form}${ready ? '' : ' (not ready)'}${primary ? ' *' : ''}`,
  );

describe('the forms a dossier offers', () => {
  it('offers the receipt and the control sheet once processing started, the receipt first', () => {
    expect(forms({})).toEqual(['receipt *', 'control-sheet']);
  });

  it('waits for the appointment before offering the receipt', () => {
    expect(forms({ originalDueAt: null })).toEqual(['receipt (not ready) *', 'control-sheet']);
  });

  it('offers only the supplement request for a dossier found incomplete at reception', () => {
    expect(
      forms({ status: 'incomplete', processInstanceId: null, originalDueAt: null, missingItems: ['Sổ đỏ'] }),
    ).toEqual(['supplement-request *']);
  });

  it('offers only the refusal for a dossier refused at reception', () => {
    expect(forms({ status: 'refused', processInstanceId: null, originalDueAt: null })).toEqual(['refusal *']);
  });

  it('adds the supplement request after a pause and the apology once one is approved', () => {
    expect(forms({ status: 'awaiting_supplement', pauses: [pause] as Dossier['pauses'] })).toEqual([
      'receipt',
      'supplement-request *',
      'control-sheet',
    ]);
    expect(forms({}, [{ status: 'draft' }])).not.toContain('apology');
    expect(forms({}, [{ status: 'approved' }])).toEqual(['receipt *', 'apology', 'control-sheet']);
  });
});
