import EditNoteIcon from '@mui/icons-material/EditNote';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CreateApology, Dossier } from '@motcua/common';
import { ActionDialog } from '../components/ActionDialog.js';
import { formatDate } from '../components/formatDate.js';
import { vietnamLocalToIso } from '../components/vietnamTime.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { useDossierApologies } from './useDossierApologies.js';

/** The reason needs a sentence (the server asks for at least 10 characters). */
const MIN_REASON = 10;

function DraftDialog({ dossier, onClose }: { dossier: Dossier; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [reason, setReason] = useState('');
  const [newDue, setNewDue] = useState('');
  const [touched, setTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const newDueAt = vietnamLocalToIso(newDue);
  const reasonError = touched && reason.trim().length < MIN_REASON;
  const dateError = touched && !newDueAt;

  const draft = useMutation({
    mutationFn: (input: CreateApology) => dataProvider.draftApology(dossier.code, input),
    onSuccess: () => {
      notify('motcua.apology.drafted', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error: Error) => setProblem(error.message),
  });

  const submit = () => {
    setTouched(true);
    if (reason.trim().length < MIN_REASON || !newDueAt) return;
    draft.mutate({ reason: reason.trim(), newDueAt: new Date(newDueAt).toISOString() });
  };

  return (
    <ActionDialog
      id="draft-apology"
      open
      title="motcua.apology.draft_title"
      submitLabel="motcua.apology.draft_submit"
      submitting={draft.isPending}
      error={problem}
      onClose={onClose}
      onSubmit={submit}
    >
      <Typography variant="body2">
        {translate('motcua.apology.draft_hint', { date: formatDate(dossier.dueAt, locale, true) })}
      </Typography>
      <TextField
        label={translate('motcua.apology.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={reasonError}
        helperText={reasonError ? translate('motcua.validation.too_short', { min: MIN_REASON }) : ' '}
        required
        multiline
        minRows={3}
        fullWidth
        margin="normal"
      />
      <TextField
        label={translate('motcua.apology.new_due_at')}
        type="datetime-local"
        value={newDue}
        onChange={(event) => setNewDue(event.target.value)}
        error={dateError}
        helperText={dateError ? translate('motcua.validation.required') : translate('motcua.apology.new_due_at_hint')}
        required
        margin="normal"
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </ActionDialog>
  );
}

/**
 * For the dossier's handler when it will be late (docs/legal.md §6): draft an apology with the
 * reason and a new date, which the leader approves. Shown only when the server says the officer may
 * draft now (the current handler, a running clock, no draft waiting, the limit not reached).
 */
export function DraftApologyButton() {
  const record = useRecordContext<Dossier>();
  const { canAccess } = useCanAccess({ resource: 'dossiers', action: 'apologise' });
  const { data: apologies } = useDossierApologies(record?.code);
  const [open, setOpen] = useState(false);
  if (!record || !canAccess || !apologies?.mayDraft) return null;
  return (
    <>
      <Button label="motcua.apology.draft_button" variant="outlined" onClick={() => setOpen(true)}>
        <EditNoteIcon />
      </Button>
      {open && <DraftDialog dossier={record} onClose={() => setOpen(false)} />}
    </>
  );
}
