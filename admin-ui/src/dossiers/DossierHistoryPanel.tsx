import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { LinearProgress, useDataProvider, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Dossier } from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

/**
 * What happened to a dossier: the workflow steps with who handled them, and the dossier's own
 * event log. Refetched whenever the dossier's status or appointment changes.
 */
export function DossierHistoryPanel() {
  const record = useRecordContext<Dossier>();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const code = record?.code ?? '';
  const { data, error, isPending } = useQuery({
    queryKey: ['dossiers', 'history', code, record?.status, record?.dueAt],
    queryFn: () => dataProvider.getDossierHistory(code),
    enabled: code !== '',
  });
  if (!record) return null;

  const headingId = 'dossier-history-heading';
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id={headingId}>
        {translate('motcua.dossiers.history.title')}
      </Typography>
      {isPending && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <>
          <Typography variant="subtitle1" component="h3" id="dossier-steps-heading" sx={{ mt: 2 }}>
            {translate('motcua.dossiers.history.steps')}
          </Typography>
          <Table size="small" aria-labelledby="dossier-steps-heading">
            <TableHead>
              <TableRow>
                <TableCell>{translate('motcua.dossiers.history.step')}</TableCell>
                <TableCell>{translate('motcua.dossiers.history.handler')}</TableCell>
                <TableCell>{translate('motcua.dossiers.history.started')}</TableCell>
                <TableCell>{translate('motcua.dossiers.history.ended')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.steps.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>{translate('motcua.dossiers.history.empty')}</TableCell>
                </TableRow>
              )}
              {data.steps.map((step, index) => (
                <TableRow key={`${step.activityId}-${step.startedAt}-${index}`}>
                  <TableCell>
                    {translate(`motcua.tasks.names.${step.activityId}`, { _: step.activityName ?? step.activityId })}
                  </TableCell>
                  <TableCell>{step.assignee ?? ''}</TableCell>
                  <TableCell>{formatDate(step.startedAt, locale, true)}</TableCell>
                  <TableCell>
                    {step.endedAt
                      ? formatDate(step.endedAt, locale, true)
                      : translate('motcua.dossiers.history.in_progress')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="subtitle1" component="h3" id="dossier-events-heading" sx={{ mt: 2 }}>
            {translate('motcua.dossiers.history.events')}
          </Typography>
          <Table size="small" aria-labelledby="dossier-events-heading">
            <TableHead>
              <TableRow>
                <TableCell>{translate('motcua.dossiers.history.type')}</TableCell>
                <TableCell>{translate('motcua.dossiers.history.actor')}</TableCell>
                <TableCell>{translate('motcua.dossiers.history.time')}</TableCell>
                <TableCell>{translate('motcua.dossiers.history.note')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.events.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>{translate('motcua.dossiers.history.empty')}</TableCell>
                </TableRow>
              )}
              {data.events.map((event, index) => (
                <TableRow key={`${event.type}-${event.occurredAt}-${index}`}>
                  <TableCell>{translate(`motcua.event_type.${event.type}`, { _: event.type })}</TableCell>
                  <TableCell>{event.actor}</TableCell>
                  <TableCell>{formatDate(event.occurredAt, locale, true)}</TableCell>
                  <TableCell>{event.note ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
}
