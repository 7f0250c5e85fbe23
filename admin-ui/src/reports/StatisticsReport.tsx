import GridOnIcon from '@mui/icons-material/GridOn';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  LinearProgress,
  Link,
  useCreatePath,
  useDataProvider,
  useGetIdentity,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import {
  FIGURE_GROUPS,
  STATISTICS_GROUPINGS,
  STATISTICS_INTERVALS,
  type Agency,
  type Figure,
  type StatisticsGrouping,
  type StatisticsInterval,
  type StatisticsQuery,
  type StatisticsRow,
} from '@motcua/common';
import { FileButton } from '../components/FileButton.js';
import { formatDate } from '../components/formatDate.js';
import { StatusChip } from '../components/StatusChip.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { formatCount, formatPercent } from './numbers.js';
import { isValidPeriod, type Period } from './period.js';
import { ReportCard, WIDE_TABLE } from './ReportCard.js';

/** The agency asked about and the agencies below it, from the depth-first list of every agency. */
export function subtreeOf(agencies: readonly Agency[], code: string | undefined): Agency[] {
  if (!code) return [];
  const below = new Set([code]);
  // depth-first: a parent always comes before its children
  return agencies.filter((agency) => {
    if (agency.code === code || (agency.parentCode !== null && below.has(agency.parentCode))) {
      below.add(agency.code);
      return true;
    }
    return false;
  });
}

/** Which dossiers a figure link opens: the figure, and the row it is in (none for the total). */
interface DrillDown {
  figure: Figure;
  row: StatisticsRow | null;
}

/** The dossiers one figure counts, a page at a time, each linked to its dossier. */
function FigureDossiers({
  query,
  drill,
  groupBy,
  onClose,
}: {
  query: StatisticsQuery;
  drill: DrillDown;
  groupBy: StatisticsGrouping;
  onClose: () => void;
}) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [locale] = useLocaleState();
  const [page, setPage] = useState(0);
  const perPage = 10;
  // a period row asks for its own days; another row narrows the subtree's dossiers to its key
  const rowQuery =
    drill.row === null
      ? {}
      : groupBy === 'period'
        ? { from: drill.row.from ?? query.from, to: drill.row.to ?? query.to }
        : { groupBy: groupBy as Exclude<StatisticsGrouping, 'period'>, key: drill.row.key ?? '-' };
  const { data, error, isPending } = useQuery({
    queryKey: ['reports', 'statistics', 'dossiers', query, drill.figure, rowQuery, page],
    queryFn: () =>
      dataProvider.getStatisticsDossiers({
        from: query.from,
        to: query.to,
        agencyCode: query.agencyCode,
        figure: drill.figure,
        page: page + 1,
        perPage,
        ...rowQuery,
      }),
  });
  const title = `${translate(`motcua.statistics.figures.${drill.figure}`)} — ${drill.row?.label ?? translate('motcua.reports.total')}`;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="figure-dossiers-title">
      <DialogTitle id="figure-dossiers-title">{title}</DialogTitle>
      <DialogContent>
        {isPending && <LinearProgress />}
        {error && <Alert severity="error">{error.message}</Alert>}
        {data && (
          <>
            <Typography variant="body2" color="text.secondary">
              {translate('motcua.statistics.dossier_count', { count: formatCount(data.total, locale) })}
            </Typography>
            <TableContainer>
              <Table size="small" aria-labelledby="figure-dossiers-title">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('resources.dossiers.fields.code')}</TableCell>
                    <TableCell>{translate('motcua.statistics.procedure')}</TableCell>
                    <TableCell>{translate('motcua.reports.agency')}</TableCell>
                    <TableCell>{translate('resources.dossiers.fields.status')}</TableCell>
                    <TableCell>{translate('motcua.statistics.received_at')}</TableCell>
                    <TableCell>{translate('motcua.statistics.due_at')}</TableCell>
                    <TableCell>{translate('motcua.statistics.ended_at')}</TableCell>
                    <TableCell>{translate('motcua.statistics.officer')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.data.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={8}>{translate('motcua.reports.nothing')}</TableCell>
                    </TableRow>
                  )}
                  {data.data.map((dossier) => (
                    <TableRow key={dossier.code}>
                      <TableCell>
                        <Link to={createPath({ resource: 'dossiers', id: dossier.code, type: 'show' })}>
                          {dossier.code}
                        </Link>
                      </TableCell>
                      <TableCell>{dossier.procedureName}</TableCell>
                      <TableCell>{dossier.agency.name}</TableCell>
                      <TableCell>
                        <StatusChip status={dossier.status} />
                      </TableCell>
                      <TableCell>{formatDate(dossier.receivedAt, locale, true)}</TableCell>
                      <TableCell>{formatDate(dossier.originalDueAt, locale, true)}</TableCell>
                      <TableCell>{formatDate(dossier.processingEndedAt, locale, true)}</TableCell>
                      <TableCell>{dossier.officer ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <TablePagination
              component="div"
              count={data.total}
              page={page}
              rowsPerPage={perPage}
              rowsPerPageOptions={[perPage]}
              onPageChange={(_event, next) => setPage(next)}
              labelDisplayedRows={({ from, to, count }) =>
                translate('motcua.statistics.page_rows', {
                  from: formatCount(from, locale),
                  to: formatCount(to, locale),
                  count: formatCount(count, locale),
                })
              }
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>{translate('ra.action.close')}</MuiButton>
      </DialogActions>
    </Dialog>
  );
}

/** A count that opens the dossiers it counts; a zero opens nothing. */
function FigureLink({ value, label, onOpen }: { value: number; label: string; onOpen: () => void }) {
  const [locale] = useLocaleState();
  if (value === 0) return <>{formatCount(0, locale)}</>;
  return (
    <MuiButton size="small" onClick={onOpen} aria-label={label} sx={{ minWidth: 0, p: 0, textDecoration: 'underline' }}>
      {formatCount(value, locale)}
    </MuiButton>
  );
}

/**
 * The statistics of Biểu 06 for the period (docs/legal.md §5.1): pickers for the agency, the grouping
 * and the sub-periods; one row per group and the total, every count a link to the dossiers it counts;
 * the spreadsheet and the PDF of the same numbers.
 */
export function StatisticsReport({ period }: { period: Period }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const [agencyCode, setAgencyCode] = useState<string>('');
  const [groupBy, setGroupBy] = useState<StatisticsGrouping>('agency');
  const [interval, setInterval] = useState<StatisticsInterval>('month');
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => dataProvider.listAgencies() });
  const choices = subtreeOf(agencies.data ?? [], identity?.agencyCode as string | undefined);
  const query: StatisticsQuery = {
    from: period.from,
    to: period.to,
    groupBy,
    interval,
    ...(agencyCode ? { agencyCode } : {}),
  };
  const valid = isValidPeriod(period);
  const { data, error, isPending } = useQuery({
    queryKey: ['reports', 'statistics', query],
    queryFn: () => dataProvider.getStatistics(query),
    enabled: valid,
  });
  const figures = FIGURE_GROUPS.flatMap((group) => group.figures);
  const label = (figure: Figure) => translate(`motcua.statistics.figures.${figure}`);
  const fileName = (extension: string) =>
    `thong-ke-${data?.agency.code ?? 'co-quan'}-${period.from}-${period.to}.${extension}`;
  return (
    <ReportCard id="report-statistics" title="motcua.statistics.title">
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.statistics.hint')}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 2 }}>
        <TextField
          select
          label={translate('motcua.reports.agency')}
          value={agencyCode}
          onChange={(event) => setAgencyCode(event.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 260 }}
        >
          <MenuItem value="">{translate('motcua.statistics.own_agency')}</MenuItem>
          {choices.map((agency) => (
            <MenuItem key={agency.code} value={agency.code}>
              {'\u00a0'.repeat(2 * Math.max(0, agency.depth - (choices[0]?.depth ?? 0)))}
              {agency.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={translate('motcua.statistics.group_by')}
          value={groupBy}
          onChange={(event) => setGroupBy(event.target.value as StatisticsGrouping)}
          sx={{ minWidth: 180 }}
        >
          {STATISTICS_GROUPINGS.map((grouping) => (
            <MenuItem key={grouping} value={grouping}>
              {translate(`motcua.statistics.groupings.${grouping}`)}
            </MenuItem>
          ))}
        </TextField>
        {groupBy === 'period' && (
          <TextField
            select
            label={translate('motcua.statistics.interval')}
            value={interval}
            onChange={(event) => setInterval(event.target.value as StatisticsInterval)}
            sx={{ minWidth: 150 }}
          >
            {STATISTICS_INTERVALS.map((value) => (
              <MenuItem key={value} value={value}>
                {translate(`motcua.statistics.intervals.${value}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <FileButton
            label="motcua.statistics.export_xlsx"
            icon={<GridOnIcon />}
            disabled={!valid || !data}
            fileName={fileName('xlsx')}
            load={() => dataProvider.getStatisticsFile(query, 'xlsx')}
          />
          <FileButton
            label="motcua.statistics.export_pdf"
            disabled={!valid || !data}
            fileName={fileName('pdf')}
            load={() => dataProvider.getStatisticsFile(query, 'pdf')}
          />
        </Box>
      </Stack>
      {isPending && valid && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <>
          <Typography variant="subtitle1" component="h3" id="statistics-table-title" sx={{ mt: 2 }}>
            {translate('motcua.statistics.table_title', {
              agency: data.agency.name,
              from: formatDate(`${data.from}T12:00:00+07:00`, locale),
              to: formatDate(`${data.to}T12:00:00+07:00`, locale),
            })}
          </Typography>
          <TableContainer sx={WIDE_TABLE} tabIndex={0} role="region" aria-labelledby="statistics-table-title">
            <Table size="small" aria-labelledby="statistics-table-title" sx={{ '& td, & th': { px: 1 } }}>
              <TableHead>
                <TableRow>
                  <TableCell rowSpan={2}>{translate(`motcua.statistics.groupings.${data.groupBy}`)}</TableCell>
                  {FIGURE_GROUPS.map((group, index) => (
                    <TableCell key={group.label} colSpan={group.figures.length} align="center">
                      {translate(`motcua.statistics.groups.${index}`)}
                    </TableCell>
                  ))}
                </TableRow>
                <TableRow>
                  {figures.map((figure) => (
                    <TableCell key={figure} align="right">
                      {label(figure)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={figures.length + 1}>{translate('motcua.reports.nothing')}</TableCell>
                  </TableRow>
                )}
                {data.rows.map((row) => (
                  <TableRow key={row.key ?? '-'}>
                    <TableCell component="th" scope="row">
                      {row.label}
                    </TableCell>
                    {figures.map((figure) => (
                      <TableCell key={figure} align="right">
                        <FigureLink
                          value={row.figures[figure]}
                          label={`${label(figure)}: ${row.label}`}
                          onOpen={() => setDrill({ figure, row })}
                        />
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
                <TableRow sx={{ '& td, & th': { fontWeight: 'bold' } }}>
                  <TableCell component="th" scope="row">
                    {translate('motcua.reports.total')}
                  </TableCell>
                  {figures.map((figure) => (
                    <TableCell key={figure} align="right">
                      <FigureLink
                        value={data.total[figure]}
                        label={`${label(figure)}: ${translate('motcua.reports.total')}`}
                        onOpen={() => setDrill({ figure, row: null })}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate('motcua.statistics.on_time_rate', {
              rate: formatPercent(data.onTimeRate, locale),
            })}
          </Typography>
        </>
      )}
      {drill && data && (
        <FigureDossiers query={query} drill={drill} groupBy={data.groupBy} onClose={() => setDrill(null)} />
      )}
    </ReportCard>
  );
}
