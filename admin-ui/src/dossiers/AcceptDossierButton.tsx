import TaskAltIcon from '@mui/icons-material/TaskAlt';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useGetOne,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { AcceptDossierInput, Dossier } from '@motcua/common';
import { ActionDialog } from '../components/ActionDialog.js';
import { DocumentChecklist } from '../components/DocumentChecklist.js';
import type { MotcuaDataProvider, ProcedureRecord } from '../providers/dataProvider.js';
import { checklistOf, missingMandatory, type ChecklistLine } from './reception.js';

/** The checklist of the procedure's current version, with what the applicant handed in before ticked. */
function initialChecklist(procedure: ProcedureRecord, dossier: Dossier): ChecklistLine[] {
  const earlier = new Map(dossier.documents.map((document) => [document.name, document]));
  return checklistOf(procedure.requiredDocuments).map((line) => {
    const handed = earlier.get(line.name);
    return handed ? { ...line, handedIn: true, originals: handed.originals, copies: handed.copies } : line;
  });
}

function AcceptDialog({ dossier, onClose }: { dossier: Dossier; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const { data: procedure } = useGetOne<ProcedureRecord>('procedures', { id: dossier.procedure.code });
  const [lines, setLines] = useState<ChecklistLine[] | null>(null);
  const [setCount, setSetCount] = useState(dossier.setCount);
  const [problem, setProblem] = useState<string | null>(null);
  const checklist = lines ?? (procedure ? initialChecklist(procedure, dossier) : []);

  const accept = useMutation({
    mutationFn: (input: AcceptDossierInput) => dataProvider.acceptDossier(dossier.code, input),
    onSuccess: () => {
      notify('motcua.accept.done', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error: Error) => setProblem(error.message),
  });

  const submit = () => {
    const missing = missingMandatory(checklist);
    if (missing.length > 0) {
      setProblem(translate('motcua.reception.missing_mandatory', { items: missing.join('; ') }));
      return;
    }
    accept.mutate({
      documents: checklist
        .filter((line) => line.handedIn)
        .map(({ name, originals, copies }) => ({ name, originals, copies })),
      setCount,
    });
  };

  return (
    <ActionDialog
      id="accept-dossier"
      open
      title="motcua.accept.title"
      submitLabel="motcua.accept.submit"
      submitting={accept.isPending}
      error={problem}
      onClose={onClose}
      onSubmit={submit}
    >
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('motcua.accept.hint')}
      </Typography>
      {dossier.missingItems.length > 0 && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('motcua.accept.asked_for', { items: dossier.missingItems.join('; ') })}
        </Typography>
      )}
      <Typography variant="subtitle2" component="h3" id="accept-checklist-heading">
        {translate('motcua.reception.checklist_title')}
      </Typography>
      <DocumentChecklist
        lines={checklist}
        idPrefix="accept-checklist"
        labelledBy="accept-checklist-heading"
        onChange={(index, change) =>
          setLines(checklist.map((line, at) => (at === index ? { ...line, ...change } : line)))
        }
      />
      <TextField
        type="number"
        label={translate('resources.dossiers.fields.setCount')}
        value={setCount}
        onChange={(event) => setSetCount(Math.max(1, Number(event.target.value) || 1))}
        margin="normal"
        slotProps={{ htmlInput: { min: 1, max: 100 } }}
      />
    </ActionDialog>
  );
}

/** For an incomplete dossier brought back complete: tick the documents, accept; the process and clock start now. */
export function AcceptDossierButton() {
  const record = useRecordContext<Dossier>();
  const { canAccess } = useCanAccess({ resource: 'dossiers', action: 'accept' });
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'incomplete' || !canAccess) return null;
  return (
    <>
      <Button label="motcua.accept.button" variant="contained" onClick={() => setOpen(true)}>
        <TaskAltIcon />
      </Button>
      {open && <AcceptDialog dossier={record} onClose={() => setOpen(false)} />}
    </>
  );
}
