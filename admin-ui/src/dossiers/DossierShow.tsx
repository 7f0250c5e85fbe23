import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import type { Query } from '@tanstack/react-query';
import {
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useCanAccess,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Dossier } from '@motcua/common';
import { DateField } from '../components/DateField.js';
import { formatDate } from '../components/formatDate.js';
import { channelChoices } from './choices.js';
import { DossierHistoryPanel } from './DossierHistoryPanel.js';
import { DossierStatusField } from './DossierStatusField.js';

const POLL_INTERVAL_MS = 1000;
/** The worker computes the appointment within seconds; past this many polls we wait for a manual refresh. */
const MAX_POLLS = 60;

/** Refetches the dossier until the worker has computed its appointment date. */
function pollUntilAppointment(query: Query<Dossier, Error>): number | false {
  if (query.state.data?.dueAt || query.state.dataUpdateCount >= MAX_POLLS) return false;
  return POLL_INTERVAL_MS;
}

/** The dossier code, large enough to read out to the applicant, and the appointment date. */
function DossierHeadline() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Box sx={{ p: 2, display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'flex-end' }}>
      <Box>
        <Typography variant="overline" component="p" id="dossier-code-label">
          {translate('resources.dossiers.fields.code')}
        </Typography>
        <Typography variant="h4" component="h1" aria-describedby="dossier-code-label">
          {record.code}
        </Typography>
      </Box>
      <Box
        sx={{
          px: 2,
          py: 1,
          borderRadius: 1,
          border: 2,
          borderColor: 'primary.main',
          bgcolor: (theme) => (theme.palette.mode === 'dark' ? 'transparent' : 'rgba(25, 118, 210, 0.06)'),
        }}
      >
        <Typography variant="overline" component="p" id="dossier-appointment-label" color="primary">
          {translate('motcua.dossiers.appointment')}
        </Typography>
        <Typography
          variant="h4"
          component="p"
          role="status"
          aria-labelledby="dossier-appointment-label"
          sx={{ fontWeight: 'bold' }}
          color={record.dueAt ? 'primary' : 'text.secondary'}
        >
          {record.dueAt ? formatDate(record.dueAt, locale) : translate('motcua.dossiers.appointment_pending')}
        </Typography>
      </Box>
      <Box>
        <Typography variant="overline" component="p">
          {translate('resources.dossiers.fields.status')}
        </Typography>
        <DossierStatusField />
      </Box>
    </Box>
  );
}

function HistoryIfAllowed() {
  const { canAccess } = useCanAccess({ resource: 'dossiers', action: 'history' });
  return canAccess ? <DossierHistoryPanel /> : null;
}

/** One dossier: its code and appointment first, then its details and, for auditors, leaders and admins, its history. */
export function DossierShow() {
  const translate = useTranslate();
  return (
    <Show queryOptions={{ refetchInterval: pollUntilAppointment }}>
      <DossierHeadline />
      <Divider />
      <SimpleShowLayout>
        <Typography variant="h6" component="h2">
          {translate('motcua.dossiers.details')}
        </Typography>
        <TextField source="procedure.name" />
        <TextField source="agency.name" />
        <SelectField source="channel" choices={channelChoices} />
        <DateField source="receivedAt" showTime />
        <DateField source="finishedAt" showTime emptyText="motcua.dossiers.not_yet" />
        <Typography variant="h6" component="h2">
          {translate('motcua.dossiers.applicant')}
        </Typography>
        <TextField source="applicant.fullName" />
        <TextField source="applicant.idNumber" />
        <TextField source="applicant.phone" />
        <TextField source="applicant.address" />
        <TextField source="processInstanceId" />
      </SimpleShowLayout>
      <HistoryIfAllowed />
    </Show>
  );
}
