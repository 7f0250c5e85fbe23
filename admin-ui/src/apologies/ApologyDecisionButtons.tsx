import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Apology } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { ActionDialog } from '../components/ActionDialog.js';
import { formatDate } from '../components/formatDate.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { isOwnApology } from './ownership.js';

type Decision = 'approve' | 'reject';

function DecisionDialog({ apology, decision, onClose }: { apology: Apology; decision: Decision; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const noteMissing = decision === 'reject' && note.trim() === '';

  const decide = useMutation({
    mutationFn: () => {
      const trimmed = note.trim();
      return decision === 'approve'
        ? dataProvider.approveApology(apology.id, trimmed ? { note: trimmed } : {})
        : dataProvider.rejectApology(apology.id, { note: trimmed });
    },
    onSuccess: () => {
      notify(decision === 'approve' ? 'motcua.apology.approved' : 'motcua.apology.rejected', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error: Error) => setProblem(error.message),
  });

  return (
    <ActionDialog
      id={`apology-${decision}-${apology.id}`}
      open
      title={decision === 'approve' ? 'motcua.apology.approve_title' : 'motcua.apology.reject_title'}
      submitLabel={decision === 'approve' ? 'motcua.apology.approve' : 'motcua.apology.reject'}
      submitting={decide.isPending}
      error={problem}
      danger={decision === 'reject'}
      onClose={onClose}
      onSubmit={() => {
        setTouched(true);
        if (!noteMissing) decide.mutate();
      }}
    >
      <Typography variant="body2">
        {translate('motcua.apology.decision_summary', {
          code: apology.dossierCode,
          from: formatDate(apology.previousDueAt, locale, true),
          to: formatDate(apology.newDueAt, locale, true),
        })}
      </Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {translate('resources.apologies.fields.reason')}: {apology.reason}
      </Typography>
      {decision === 'approve' && (
        <Typography variant="body2" sx={{ mt: 1 }} color="text.secondary">
          {translate('motcua.apology.approve_effect')}
        </Typography>
      )}
      <TextField
        label={translate('motcua.apology.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={touched && noteMissing}
        helperText={touched && noteMissing ? translate('motcua.apology.note_required') : ' '}
        required={decision === 'reject'}
        multiline
        minRows={2}
        fullWidth
        margin="normal"
      />
    </ActionDialog>
  );
}

/**
 * The leader's decision on a draft apology: approve (the appointment moves) or reject with a note.
 * The leader who drafted it sees neither button, but who decides instead: another leader of the
 * agency (the server refuses the drafter with issue own_apology).
 */
export function ApologyDecisionButtons(_props: ColumnProps) {
  const apology = useRecordContext<Apology>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'apologies', action: 'decide' });
  const { identity } = useGetIdentity();
  const [decision, setDecision] = useState<Decision | null>(null);
  if (!apology || !canAccess || !identity || apology.status !== 'draft') return null;
  if (isOwnApology(apology, identity.id)) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.apology.own_draft')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={1}>
      <Button label="motcua.apology.approve" variant="contained" onClick={() => setDecision('approve')}>
        <CheckIcon />
      </Button>
      <Button label="motcua.apology.reject" variant="outlined" color="error" onClick={() => setDecision('reject')}>
        <CloseIcon />
      </Button>
      {decision && <DecisionDialog apology={apology} decision={decision} onClose={() => setDecision(null)} />}
    </Stack>
  );
}
