import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Query } from '@tanstack/react-query';
import {
  NumberField,
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
import { StatusChip } from '../components/StatusChip.js';
import { TimelinessChip } from '../components/TimelinessChip.js';
import { AcceptDossierButton } from './AcceptDossierButton.js';
import { channelChoices, resultDeliveryChoices } from './choices.js';
import { DossierForms } from './DossierForms.js';
import { DossierHistoryPanel } from './DossierHistoryPanel.js';
import { DossierReplayPanel } from './replay/DossierReplayPanel.js';
import {
  ApologiesPanel,
  AppointmentsLine,
  DocumentsPanel,
  PausesPanel,
  ReceptionOutcomePanel,
  TransfersPanel,
} from './DossierLifecyclePanels.js';
import { DraftApologyButton } from './DraftApologyButton.js';
import { StatusOverrideButton } from './StatusOverrideButton.js';

const POLL_INTERVAL_MS = 1000;
/** The worker computes the appointment within seconds; past this many polls we wait for a manual refresh. */
const MAX_POLLS = 60;

/** Refetches a dossier whose process started until the worker has computed its appointment date. */
function pollUntilAppointment(query: Query<Dossier, Error>): number | false {
  const dossier = query.state.data;
  if (!dossier || !dossier.processInstanceId || dossier.dueAt || query.state.dataUpdateCount >= MAX_POLLS) {
    return false;
  }
  return POLL_INTERVAL_MS;
}

/** The dossier code, large enough to read out to the applicant, the appointment, status and timeliness. */
function DossierHeadline() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const appointment = record.dueAt
    ? formatDate(record.dueAt, locale)
    : record.processInstanceId
      ? translate('motcua.dossiers.appointment_pending')
      : translate('motcua.dossiers.appointment_none');
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
          {appointment}
        </Typography>
      </Box>
      <Box>
        <Typography variant="overline" component="p" id="dossier-state-label">
          {translate('resources.dossiers.fields.status')}
        </Typography>
        <Stack direction="row" spacing={1} role="group" aria-labelledby="dossier-state-label">
          <StatusChip status={record.status} />
          <TimelinessChip timeliness={record.timeliness} />
        </Stack>
      </Box>
    </Box>
  );
}

/** What the officer may do with the dossier now. */
function DossierActionBar() {
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, px: 2, pb: 2 }}>
      <AcceptDossierButton />
      <DraftApologyButton />
      <StatusOverrideButton />
    </Stack>
  );
}

function HistoryIfAllowed() {
  const { canAccess } = useCanAccess({ resource: 'dossiers', action: 'history' });
  return canAccess ? (
    <>
      <DossierReplayPanel />
      <DossierHistoryPanel />
    </>
  ) : null;
}

/** The details in columns on a wide screen, each section heading across the full width. */
const DETAILS_GRID = {
  '& .RaSimpleShowLayout-stack': {
    display: 'grid',
    gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))' },
    columnGap: 3,
  },
  '& .RaSimpleShowLayout-stack > .ra-field:has(h2)': { gridColumn: '1 / -1', mt: 1 },
} as const;

function SectionHeading({ children }: { children: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2">
      {translate(children)}
    </Typography>
  );
}

/**
 * One dossier: its code, appointment, status and timeliness first, then the forms that apply and
 * the actions open to the officer, its details, the documents, the clock's pauses, the transfers,
 * the apologies and, for auditors, leaders and admins, its replay on the diagram and its history.
 */
export function DossierShow() {
  return (
    <Show queryOptions={{ refetchInterval: pollUntilAppointment }}>
      <DossierHeadline />
      <AppointmentsLine />
      <ReceptionOutcomePanel />
      <DossierForms />
      <DossierActionBar />
      <Divider />
      <SimpleShowLayout sx={DETAILS_GRID}>
        <SectionHeading>motcua.dossiers.details</SectionHeading>
        <TextField source="procedure.name" />
        <NumberField source="procedure.version" />
        <TextField source="agency.name" />
        <TextField source="requestSummary" />
        <SelectField source="channel" choices={channelChoices} />
        <NumberField source="setCount" />
        <DateField source="receivedAt" showTime />
        <DateField source="originalDueAt" showTime emptyText="motcua.dossiers.not_yet" />
        <DateField source="dueAt" showTime emptyText="motcua.dossiers.not_yet" />
        <DateField source="finishedAt" showTime emptyText="motcua.dossiers.not_yet" />
        <SelectField source="resultDelivery" choices={resultDeliveryChoices} />
        <TextField source="deliveryAddress" emptyText="—" />
        <SelectField source="returnedVia" choices={resultDeliveryChoices} emptyText="—" />
        <TextField source="postalTrackingRef" emptyText="—" />
        <TextField source="legalRegime" />
        <SectionHeading>motcua.dossiers.applicant</SectionHeading>
        <TextField source="applicant.fullName" />
        <TextField source="applicant.idNumber" />
        <TextField source="applicant.phone" />
        <TextField source="applicant.email" emptyText="—" />
        <TextField source="applicant.address" />
        <TextField source="receivedBy" />
        <TextField source="processInstanceId" emptyText="—" />
      </SimpleShowLayout>
      <Box sx={{ px: 2, pb: 2 }}>
        <DocumentsPanel />
        <PausesPanel />
        <TransfersPanel />
        <ApologiesPanel />
      </Box>
      <HistoryIfAllowed />
    </Show>
  );
}
