import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Dossier } from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useDossierApologies } from './useDossierApologies.js';

/** What the reception found: the items asked for (Mẫu 02) or the reasons of a refusal (Mẫu 03). */
export function ReceptionOutcomePanel() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      {record.status === 'incomplete' && record.missingItems.length > 0 && (
        <Alert severity="warning" sx={{ mx: 2, mb: 2 }}>
          <AlertTitle>{translate('motcua.dossiers.missing_items')}</AlertTitle>
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {record.missingItems.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </Box>
        </Alert>
      )}
      {record.status === 'refused' && record.refusalReason && (
        <Alert severity="error" sx={{ mx: 2, mb: 2 }}>
          <AlertTitle>{translate('motcua.dossiers.refusal_reason')}</AlertTitle>
          {record.refusalReason}
        </Alert>
      )}
      {record.backEntry && (
        <Alert severity="info" sx={{ mx: 2, mb: 2 }}>
          <AlertTitle>{translate('motcua.dossiers.back_entry')}</AlertTitle>
          {translate('motcua.dossiers.back_entry_detail', {
            by: record.backEntry.enteredBy,
            reason: record.backEntry.reason,
          })}
        </Alert>
      )}
    </>
  );
}

/** The documents handed in (Mẫu 01 item 1). */
export function DocumentsPanel() {
  const record = useRecordContext<Dossier>();
  if (!record) return null;
  return (
    <SimpleTable
      id="dossier-documents"
      title="motcua.dossiers.documents"
      columns={['motcua.reception.document', 'motcua.reception.originals', 'motcua.reception.copies']}
      rows={record.documents}
      cells={(document) => [document.name, document.originals, document.copies]}
      empty="motcua.dossiers.no_documents"
    />
  );
}

/** The clock's pauses: what was asked, when it stopped and resumed, how much time was left. */
export function PausesPanel() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <SimpleTable
      id="dossier-pauses"
      title="motcua.dossiers.pauses"
      columns={[
        'motcua.dossiers.pause_reason',
        'motcua.dossiers.pause_items',
        'motcua.dossiers.paused_at',
        'motcua.dossiers.resumed_at',
        'motcua.dossiers.remaining',
      ]}
      rows={record.pauses}
      cells={(pause) => [
        translate(`motcua.pause_reason.${pause.reason}`),
        pause.items.join('; '),
        `${formatDate(pause.pausedAt, locale, true)} (${pause.requestedBy})`,
        pause.resumedAt
          ? `${formatDate(pause.resumedAt, locale, true)} (${pause.resumedBy ?? ''})`
          : translate('motcua.dossiers.still_paused'),
        translate('motcua.dossiers.working_time', {
          hours: Math.floor(pause.remainingWorkingMinutes / 60),
          minutes: pause.remainingWorkingMinutes % 60,
        }),
      ]}
    />
  );
}

/** Transfers to partner agencies (liên thông) and their return. */
export function TransfersPanel() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <SimpleTable
      id="dossier-transfers"
      title="motcua.dossiers.transfers"
      columns={[
        'motcua.dossiers.partner_agency',
        'motcua.dossiers.sent_at',
        'motcua.dossiers.partner_due_at',
        'motcua.dossiers.returned_at',
      ]}
      rows={record.transfers}
      cells={(transfer) => [
        transfer.toAgency.name,
        `${formatDate(transfer.sentAt, locale, true)} (${transfer.sentBy})`,
        formatDate(transfer.dueAt, locale, true),
        transfer.returnedAt
          ? `${formatDate(transfer.returnedAt, locale, true)} (${transfer.returnedBy ?? ''})`
          : translate('motcua.dossiers.at_partner'),
      ]}
    />
  );
}

/** The apologies: drafted, approved or rejected, with the date each moves the appointment to. */
export function ApologiesPanel() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data } = useDossierApologies(record?.code);
  if (!record || !data) return null;
  return (
    <SimpleTable
      id="dossier-apologies"
      title="motcua.dossiers.apologies"
      columns={[
        'resources.apologies.fields.status',
        'resources.apologies.fields.reason',
        'resources.apologies.fields.previousDueAt',
        'resources.apologies.fields.newDueAt',
        'resources.apologies.fields.draftedBy',
        'resources.apologies.fields.decidedBy',
      ]}
      rows={data.data}
      cells={(apology) => [
        <Chip
          key="status"
          size="small"
          color={apology.status === 'approved' ? 'success' : apology.status === 'rejected' ? 'default' : 'warning'}
          label={translate(`motcua.apology_status.${apology.status}`)}
        />,
        apology.reason,
        formatDate(apology.previousDueAt, locale, true),
        formatDate(apology.newDueAt, locale, true),
        `${apology.draftedBy.fullName} (${formatDate(apology.draftedAt, locale, true)})`,
        apology.decidedBy
          ? `${apology.decidedBy.fullName}${apology.decisionNote ? `: ${apology.decisionNote}` : ''}`
          : '',
      ]}
    />
  );
}

/** The appointments: printed on the receipt and now, when an approved apology moved it. */
export function AppointmentsLine() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record?.originalDueAt || record.originalDueAt === record.dueAt) return null;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2 }}>
      {translate('motcua.dossiers.appointment_original', { date: formatDate(record.originalDueAt, locale, true) })}
    </Typography>
  );
}
