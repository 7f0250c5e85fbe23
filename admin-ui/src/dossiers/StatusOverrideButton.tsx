import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import {
  DOSSIER_STATUSES,
  FINAL_STATUSES,
  type Dossier,
  type DossierStatus,
  type StatusOverride,
} from '@motcua/common';
import { ActionDialog } from '../components/ActionDialog.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

const MIN_TEXT = 5;

function OverrideDialog({ dossier, onClose }: { dossier: Dossier; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [status, setStatus] = useState<DossierStatus | ''>('');
  const [authorisingDocument, setAuthorisingDocument] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const short = (value: string) => touched && value.trim().length < MIN_TEXT;

  const override = useMutation({
    mutationFn: (input: StatusOverride) => dataProvider.overrideDossierStatus(dossier.code, input),
    onSuccess: () => {
      notify('motcua.override.done', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error: Error) => setProblem(error.message),
  });

  const submit = () => {
    setTouched(true);
    if (!status || authorisingDocument.trim().length < MIN_TEXT || reason.trim().length < MIN_TEXT) return;
    override.mutate({ status, authorisingDocument: authorisingDocument.trim(), reason: reason.trim() });
  };

  return (
    <ActionDialog
      id="status-override"
      open
      danger
      title="motcua.override.title"
      submitLabel="motcua.override.submit"
      submitting={override.isPending}
      error={problem}
      warning={translate('motcua.override.warning')}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        select
        label={translate('motcua.override.status')}
        value={status}
        onChange={(event) => setStatus(event.target.value as DossierStatus)}
        error={touched && !status}
        helperText={touched && !status ? translate('motcua.validation.required') : ' '}
        required
        fullWidth
        margin="normal"
      >
        {DOSSIER_STATUSES.filter((candidate) => candidate !== dossier.status).map((candidate) => (
          <MenuItem key={candidate} value={candidate}>
            {translate(`motcua.dossier_status.${candidate}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={translate('motcua.override.authorising_document')}
        value={authorisingDocument}
        onChange={(event) => setAuthorisingDocument(event.target.value)}
        error={short(authorisingDocument)}
        helperText={translate('motcua.override.authorising_document_hint')}
        required
        fullWidth
        margin="normal"
      />
      <TextField
        label={translate('motcua.override.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={short(reason)}
        helperText={short(reason) ? translate('motcua.validation.too_short', { min: MIN_TEXT }) : ' '}
        required
        multiline
        minRows={2}
        fullWidth
        margin="normal"
      />
    </ActionDialog>
  );
}

/**
 * A status change outside the normal flow (regulation Art. 5.3), for leaders and admins: only on the
 * direction of the competent authority, whose document is named; audited, never undone.
 */
export function StatusOverrideButton() {
  const record = useRecordContext<Dossier>();
  const { canAccess } = useCanAccess({ resource: 'dossiers', action: 'override' });
  const [open, setOpen] = useState(false);
  if (!record || !canAccess || (FINAL_STATUSES as readonly DossierStatus[]).includes(record.status)) return null;
  return (
    <>
      <Button label="motcua.override.button" color="warning" variant="outlined" onClick={() => setOpen(true)}>
        <WarningAmberIcon />
      </Button>
      {open && <OverrideDialog dossier={record} onClose={() => setOpen(false)} />}
    </>
  );
}
