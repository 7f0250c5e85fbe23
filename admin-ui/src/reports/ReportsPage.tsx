import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  LinearProgress,
  Link,
  Title,
  useCanAccess,
  useCreatePath,
  useDataProvider,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { FileButton } from '../components/FileButton.js';
import { formatDate } from '../components/formatDate.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { StatusChip } from '../components/StatusChip.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { Index766Report } from './Index766Report.js';
import { currentMonth, isValidPeriod, type Period } from './period.js';
import { ReportCard } from './ReportCard.js';
import { SatisfactionReport } from './SatisfactionReport.js';
import { StatisticsReport } from './StatisticsReport.js';

/** Apologies drafted, approved and rejected in the period, per agency (docs/legal.md §6). */
function ApologyCounts({ period }: { period: Period }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const { data, error, isPending } = useQuery({
    queryKey: ['reports', 'apologies', period],
    queryFn: () => dataProvider.getApologyReport(period),
    enabled: isValidPeriod(period),
  });
  return (
    <ReportCard id="report-apologies" title="motcua.reports.apologies">
      {isPending && isValidPeriod(period) && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <SimpleTable
          id="report-apology-counts"
          title="motcua.reports.apologies_per_agency"
          columns={[
            'motcua.reports.agency',
            'motcua.reports.drafted',
            'motcua.reports.approved',
            'motcua.reports.rejected',
          ]}
          rows={[...data.agencies, { agency: { code: '', name: translate('motcua.reports.total') }, ...data.total }]}
          cells={(row) => [row.agency.name, row.drafted, row.approved, row.rejected]}
          empty="motcua.reports.nothing"
        />
      )}
    </ReportCard>
  );
}

/** Dossiers flagged at risk of being late: the handler's cue to draft an apology. */
function AtRisk() {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, error, isPending } = useQuery({
    queryKey: ['reports', 'at-risk'],
    queryFn: () => dataProvider.getAtRiskDossiers(),
  });
  return (
    <ReportCard id="report-at-risk" title="motcua.reports.at_risk">
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.reports.at_risk_hint')}
      </Typography>
      {isPending && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <SimpleTable
          id="report-at-risk-list"
          title="motcua.reports.at_risk_list"
          columns={[
            'resources.dossiers.fields.code',
            'resources.dossiers.fields.applicant.fullName',
            'resources.dossiers.fields.procedure.name',
            'resources.dossiers.fields.status',
            'resources.dossiers.fields.dueAt',
            'motcua.reports.draft_apology',
          ]}
          rows={data}
          cells={(dossier) => [
            <Link key="code" to={createPath({ resource: 'dossiers', id: dossier.code, type: 'show' })}>
              {dossier.code}
            </Link>,
            dossier.applicantName,
            dossier.procedureName,
            <StatusChip key="status" status={dossier.status} />,
            formatDate(dossier.dueAt, locale, true),
            dossier.draftApologyId
              ? translate('motcua.reports.apology_waiting')
              : translate('motcua.reports.no_apology'),
          ]}
          empty="motcua.reports.nothing_at_risk"
        />
      )}
    </ReportCard>
  );
}

/** The tracking register (Sổ theo dõi hồ sơ) of the officer's agency for the period, as PDF. */
function Register({ period }: { period: Period }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  return (
    <ReportCard id="report-register" title="motcua.reports.register">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('motcua.reports.register_hint')}
      </Typography>
      <FileButton
        label="motcua.reports.register_pdf"
        variant="contained"
        disabled={!isValidPeriod(period)}
        fileName={`so-theo-doi-ho-so-${period.from}-${period.to}.pdf`}
        load={() => dataProvider.getRegisterPdf(period)}
      />
    </ReportCard>
  );
}

/**
 * Reports for a period: the processing statistics, the Decision 766 index and the citizens'
 * satisfaction per agency and officer (leaders, auditors, admins), the apologies counted per agency
 * (leaders, auditors, admins), the dossiers at risk of being late (handlers and leaders), and the
 * tracking register as PDF.
 */
export function ReportsPage() {
  const translate = useTranslate();
  const [period, setPeriod] = useState<Period>(currentMonth);
  const apologies = useCanAccess({ resource: 'reports', action: 'apologies' });
  const atRisk = useCanAccess({ resource: 'reports', action: 'at_risk' });
  const statistics = useCanAccess({ resource: 'reports', action: 'statistics' });
  const satisfaction = useCanAccess({ resource: 'reports', action: 'satisfaction' });
  const valid = isValidPeriod(period);
  return (
    // on a phone the page is as wide as the screen; a wider report scrolls inside its card
    <Box sx={{ mt: 2, mb: 4, minWidth: 0, width: { xs: 'calc(100vw - 16px)', md: 'auto' } }}>
      <Title title="motcua.reports.title" />
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('motcua.reports.period')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
            <TextField
              type="date"
              label={translate('motcua.reports.from')}
              value={period.from}
              onChange={(event) => setPeriod({ ...period, from: event.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              type="date"
              label={translate('motcua.reports.to')}
              value={period.to}
              onChange={(event) => setPeriod({ ...period, to: event.target.value })}
              error={!valid}
              helperText={valid ? ' ' : translate('motcua.reports.invalid_period')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Stack>
        </CardContent>
      </Card>
      {statistics.canAccess && <StatisticsReport period={period} />}
      {statistics.canAccess && <Index766Report period={period} />}
      {satisfaction.canAccess && <SatisfactionReport period={period} />}
      {apologies.canAccess && <ApologyCounts period={period} />}
      {atRisk.canAccess && <AtRisk />}
      <Register period={period} />
    </Box>
  );
}
