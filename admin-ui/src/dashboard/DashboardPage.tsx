import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LinearProgress, Link, Title, useCreatePath, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  DASHBOARD_INTERVALS,
  DOSSIER_STATUSES,
  OPEN_TIMELINESS,
  type Dashboard,
  type DashboardDossierPage,
  type DashboardInterval,
  type DossierStatus,
  type Timeliness,
} from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { StatusChip } from '../components/StatusChip.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { formatCount, formatPercent } from '../reports/numbers.js';
import { ReportCard, WIDE_TABLE } from '../reports/ReportCard.js';
import { dueRelative, trendTick } from './format.js';

/** Dossiers per page of the nearly-due and overdue lists: a glance, the dossier list has the rest. */
const PER_PAGE = 5;

/**
 * A table at least this wide: on a phone it scrolls sideways inside its card (which takes the
 * keyboard focus, see ReportCard) instead of squeezing its columns to a word a line.
 */
function wide(minWidth: number) {
  return { ...WIDE_TABLE, '& table': { minWidth } } as const;
}

/** The dossier list filtered as a figure counts, for the figure's link. */
function dossierListPath(filter: { status?: DossierStatus; timeliness?: Timeliness }): string {
  return `/dossiers?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

/** One count as a tile that opens the dossiers it counts. */
function CountTile({ label, count, to, tone }: { label: string; count: number; to: string; tone?: string }) {
  const [locale] = useLocaleState();
  return (
    <Card variant="outlined" sx={{ minWidth: 140, flex: '1 1 140px' }}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Link to={to} underline="hover" color="inherit">
          <Typography variant="h4" component="p" color={tone ?? 'text.primary'}>
            {formatCount(count, locale)}
          </Typography>
          <Typography variant="body2">{label}</Typography>
        </Link>
      </CardContent>
    </Card>
  );
}

const TIMELINESS_TONES: Record<(typeof OPEN_TIMELINESS)[number], string> = {
  not_due: 'success.dark',
  nearly_due: 'warning.dark',
  overdue: 'error.dark',
  paused: 'info.dark',
};

function TimelinessCounts({ dashboard }: { dashboard: Dashboard }) {
  const translate = useTranslate();
  return (
    <ReportCard id="dashboard-timeliness" title="motcua.dashboard.timeliness">
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.dashboard.timeliness_hint')}
      </Typography>
      <Stack direction="row" useFlexGap flexWrap="wrap" spacing={1.5} sx={{ mt: 1.5 }}>
        {OPEN_TIMELINESS.map((timeliness) => (
          <CountTile
            key={timeliness}
            label={translate(`motcua.timeliness.${timeliness}`)}
            count={dashboard.timeliness[timeliness]}
            to={dossierListPath({ timeliness })}
            tone={TIMELINESS_TONES[timeliness]}
          />
        ))}
      </Stack>
    </ReportCard>
  );
}

function StatusCounts({ dashboard }: { dashboard: Dashboard }) {
  const translate = useTranslate();
  const byStatus = new Map(dashboard.statuses.map((row) => [row.status, row.count]));
  return (
    <ReportCard id="dashboard-statuses" title="motcua.dashboard.statuses">
      <Stack direction="row" useFlexGap flexWrap="wrap" spacing={1.5} sx={{ mt: 1.5 }}>
        {DOSSIER_STATUSES.map((status) => (
          <CountTile
            key={status}
            label={translate(`motcua.dossier_status.${status}`)}
            count={byStatus.get(status) ?? 0}
            to={dossierListPath({ status })}
          />
        ))}
      </Stack>
    </ReportCard>
  );
}

/** Previous and next page of a short list, and which rows are shown. */
function Pager({ page, onPage }: { page: DashboardDossierPage; onPage: (page: number) => void }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (page.total <= page.perPage) return null;
  const first = (page.page - 1) * page.perPage + 1;
  const last = Math.min(page.total, page.page * page.perPage);
  return (
    <Stack direction="row" spacing={1} alignItems="center" justifyContent="flex-end" sx={{ mt: 1 }}>
      <Typography variant="body2">
        {translate('motcua.dashboard.page_rows', {
          from: formatCount(first, locale),
          to: formatCount(last, locale),
          count: formatCount(page.total, locale),
        })}
      </Typography>
      <Button size="small" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
        {translate('motcua.dashboard.previous_page')}
      </Button>
      <Button size="small" disabled={last >= page.total} onClick={() => onPage(page.page + 1)}>
        {translate('motcua.dashboard.next_page')}
      </Button>
    </Stack>
  );
}

function DueList({
  id,
  title,
  empty,
  page,
  at,
  onPage,
}: {
  id: string;
  title: string;
  empty: string;
  page: DashboardDossierPage;
  at: string;
  onPage: (page: number) => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const createPath = useCreatePath();
  return (
    <ReportCard id={id} title={title}>
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.dashboard.dossier_count', { count: formatCount(page.total, locale) })}
      </Typography>
      <Box sx={wide(720)} tabIndex={0} role="region" aria-labelledby={`${id}-list-heading`}>
        <SimpleTable
          id={`${id}-list`}
          title={`${title}_list`}
          columns={[
            'resources.dossiers.fields.code',
            'resources.dossiers.fields.procedure.name',
            'resources.dossiers.fields.applicant.fullName',
            'resources.dossiers.fields.status',
            'resources.dossiers.fields.dueAt',
            'motcua.dashboard.handlers',
          ]}
          rows={page.data}
          cells={(dossier) => [
            <Link key="code" to={createPath({ resource: 'dossiers', id: dossier.code, type: 'show' })}>
              {dossier.code}
            </Link>,
            dossier.procedureName,
            dossier.applicantName,
            <StatusChip key="status" status={dossier.status} />,
            `${formatDate(dossier.dueAt, locale, true)} (${dueRelative(dossier.dueAt, at, locale)})`,
            dossier.handlers.length > 0 ? dossier.handlers.join(', ') : translate('motcua.dashboard.in_queue'),
          ]}
          empty={empty}
        />
      </Box>
      <Pager page={page} onPage={onPage} />
    </ReportCard>
  );
}

function Workload({ dashboard }: { dashboard: Dashboard }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <ReportCard id="dashboard-workload" title="motcua.dashboard.workload">
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.dashboard.workload_hint')}
      </Typography>
      <Box sx={wide(560)} tabIndex={0} role="region" aria-labelledby="dashboard-workload-table-heading">
        <SimpleTable
          id="dashboard-workload-table"
          title="motcua.dashboard.workload_table"
          columns={[
            'motcua.dashboard.officer',
            'motcua.dashboard.agency',
            'motcua.dashboard.assigned',
            'motcua.dashboard.assigned_overdue',
            'motcua.dashboard.claimable',
          ]}
          rows={dashboard.workload}
          cells={(row) => [
            row.fullName,
            row.agency.name,
            formatCount(row.assigned, locale),
            formatCount(row.assignedOverdue, locale),
            formatCount(row.claimable, locale),
          ]}
          empty="motcua.dashboard.no_officers"
        />
      </Box>
    </ReportCard>
  );
}

function Trend({
  dashboard,
  interval,
  onInterval,
}: {
  dashboard: Dashboard;
  interval: DashboardInterval;
  onInterval: (interval: DashboardInterval) => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { trend } = dashboard;
  const data = trend.rows.map((row) => ({ ...row, tick: trendTick(row, trend.interval, locale) }));
  const count = (value: unknown) => formatCount(Number(value), locale);
  const receivedLabel = translate('motcua.dashboard.received');
  const handledLabel = translate('motcua.dashboard.handled');
  const lateLabel = translate('motcua.dashboard.handled_late_series');
  return (
    <ReportCard id="dashboard-trend" title="motcua.dashboard.trend">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }} sx={{ mt: 1 }}>
        <TextField
          select
          size="small"
          label={translate('motcua.dashboard.interval')}
          value={interval}
          onChange={(event) => onInterval(event.target.value as DashboardInterval)}
          sx={{ width: 200, flexShrink: 0 }}
        >
          {DASHBOARD_INTERVALS.map((value) => (
            <MenuItem key={value} value={value}>
              {translate(`motcua.dashboard.intervals.${value}`)}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2">
          {translate('motcua.dashboard.on_time_rate', { rate: formatPercent(trend.onTimeRate, locale) })}
        </Typography>
      </Stack>
      <Box
        role="img"
        aria-label={translate('motcua.dashboard.chart_label', {
          from: formatDate(`${trend.from}T12:00:00+07:00`, locale),
          to: formatDate(`${trend.to}T12:00:00+07:00`, locale),
        })}
        sx={{ width: '100%', height: 280, mt: 2 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="tick" />
            <YAxis allowDecimals={false} tickFormatter={count} width={48} />
            <Tooltip formatter={count} labelFormatter={(_label, payload) => payload[0]?.payload?.label ?? ''} />
            {/* in the order of the bars, not alphabetical */}
            <Legend itemSorter={null} />
            <Bar dataKey="received" name={receivedLabel} fill="#1565c0" />
            <Bar dataKey="handled" name={handledLabel} fill="#2e7d32" />
            <Bar dataKey="handledLate" name={lateLabel} fill="#c62828" />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Box sx={wide(560)} tabIndex={0} role="region" aria-labelledby="dashboard-trend-table-heading">
        <SimpleTable
          id="dashboard-trend-table"
          title="motcua.dashboard.trend_table"
          columns={[
            'motcua.dashboard.period',
            'motcua.dashboard.received',
            'motcua.dashboard.handled',
            'motcua.dashboard.handled_early',
            'motcua.dashboard.handled_on_time',
            'motcua.dashboard.handled_late',
          ]}
          rows={trend.rows}
          cells={(row) => [
            row.label,
            count(row.received),
            count(row.handled),
            count(row.handledEarly),
            count(row.handledOnTime),
            count(row.handledLate),
          ]}
        />
      </Box>
    </ReportCard>
  );
}

/**
 * The leader's dashboard (Bảng điều khiển) of their agency and the agencies below it: the open
 * dossiers by timeliness and all by status (each count opens the dossier list so filtered), the
 * overdue and nearly-due dossiers, the open tasks per officer, and the trend of the statistics.
 */
export function DashboardPage() {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [interval, setTrendInterval] = useState<DashboardInterval>('month');
  const [overduePage, setOverduePage] = useState(1);
  const [nearlyDuePage, setNearlyDuePage] = useState(1);
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ['dashboard', interval, overduePage, nearlyDuePage],
    queryFn: () =>
      dataProvider.getDashboard({
        interval,
        periods: interval === 'month' ? 6 : 8,
        perPage: PER_PAGE,
        overduePage,
        nearlyDuePage,
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Box sx={{ mt: 1, minWidth: 0 }}>
      <Title title={translate('motcua.dashboard.title')} />
      <Typography variant="h5" component="h1">
        {translate('motcua.dashboard.title')}
      </Typography>
      {data && (
        <Typography variant="body2" color="text.secondary">
          {translate('motcua.dashboard.subtitle', {
            agency: data.agency.name,
            at: formatDate(data.at, locale, true),
          })}
        </Typography>
      )}
      {(isPending || isFetching) && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <>
          <TimelinessCounts dashboard={data} />
          <DueList
            id="dashboard-overdue"
            title="motcua.dashboard.overdue"
            empty="motcua.dashboard.nothing_overdue"
            page={data.overdue}
            at={data.at}
            onPage={setOverduePage}
          />
          <DueList
            id="dashboard-nearly-due"
            title="motcua.dashboard.nearly_due"
            empty="motcua.dashboard.nothing_nearly_due"
            page={data.nearlyDue}
            at={data.at}
            onPage={setNearlyDuePage}
          />
          <Trend dashboard={data} interval={interval} onInterval={setTrendInterval} />
          <Workload dashboard={data} />
          <StatusCounts dashboard={data} />
        </>
      )}
    </Box>
  );
}
