import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useGetOne, useTranslate } from 'react-admin';
import { DocumentChecklist } from '../components/DocumentChecklist.js';
import type { ProcedureRecord } from '../providers/dataProvider.js';
import { checklistOf, type ChecklistLine } from './reception.js';

/**
 * The documents of the chosen procedure, as a checklist the receptionist ticks while checking the
 * dossier (Mẫu 01 item 1): each with the originals and copies handed in, mandatory ones marked.
 * Choosing another procedure starts a fresh checklist from its current version.
 */
export function ReceptionChecklist() {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const procedureCode = useWatch({ name: 'procedureCode' }) as string | undefined;
  const checklist = (useWatch({ name: 'checklist' }) ?? []) as ChecklistLine[];
  const { data: procedure } = useGetOne<ProcedureRecord>(
    'procedures',
    { id: procedureCode ?? '' },
    { enabled: Boolean(procedureCode) },
  );
  const loadedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!procedure || loadedFor.current === procedure.code) return;
    loadedFor.current = procedure.code;
    setValue('checklist', checklistOf(procedure.requiredDocuments), { shouldDirty: true });
  }, [procedure, setValue]);

  if (!procedureCode) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
        {translate('motcua.reception.choose_procedure_first')}
      </Typography>
    );
  }
  if (!procedure || checklist.length === 0) return null;

  const update = (index: number, change: Partial<ChecklistLine>) =>
    setValue(`checklist.${index}`, { ...checklist[index], ...change }, { shouldDirty: true, shouldValidate: true });

  return (
    <Box component="section" aria-labelledby="reception-checklist-heading" sx={{ width: '100%', my: 1 }}>
      <Typography variant="subtitle1" component="h3" id="reception-checklist-heading">
        {translate('motcua.reception.checklist_title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.reception.checklist_hint', {
          days: procedure.processingDays,
          version: procedure.version,
        })}
      </Typography>
      <DocumentChecklist
        lines={checklist}
        onChange={update}
        idPrefix="reception-checklist"
        labelledBy="reception-checklist-heading"
      />
      {procedure.fees.length > 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate('motcua.reception.fees', {
            fees: procedure.fees.map((fee) => `${fee.name}: ${fee.amountVnd.toLocaleString('vi-VN')} đ`).join('; '),
          })}
        </Alert>
      )}
    </Box>
  );
}
