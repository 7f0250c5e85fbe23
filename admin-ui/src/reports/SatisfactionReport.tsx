import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LinearProgress, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { SATISFACTION_CRITERIA, SATISFACTION_LEVELS, type SatisfactionFigures } from '@motcua/common';
import { SimpleTable } from '../components/SimpleTable.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { formatCount, formatDecimal, formatPercent } from './numbers.js';
import { isValidPeriod, type Period } from './period.js';
import { ReportCard, WIDE_TABLE } from './ReportCard.js';

/** The columns of the figures, after the agency or the officer: ratings, each level, the share satisfied, the mean. */
const FIGURE_COLUMNS = [
  'motcua.satisfaction_report.ratings',
  ...SATISFACTION_LEVELS.map((level) => `motcua.satisfaction.levels.${level}`),
  'motcua.satisfaction_report.satisfied_share',
  'motcua.satisfaction_report.average_total',
];

/**
 * A table of figures keeps its columns readable on a phone and scrolls sideways instead; the scrolling
 * box takes the keyboard focus and is named by the table's heading (SimpleTable's `<id>-heading`).
 */
function Scrolling({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Box
      tabIndex={0}
      role="region"
      aria-labelledby={`${id}-heading`}
      sx={{ ...WIDE_TABLE, '& table': { minWidth: 640 } }}
    >
      {children}
    </Box>
  );
}

/**
 * The citizens' satisfaction ratings of the caller's agency subtree for the period (docs/legal.md §7):
 * per resolving agency with the subtree's total, per receiving officer, and the mean points of each of
 * the nine criteria, named as the rating form names them. The figures are the server's
 * (GET /api/reports/satisfaction), the same the Decision 766 index reads.
 */
export function SatisfactionReport({ period }: { period: Period }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const valid = isValidPeriod(period);
  const { data, error, isPending } = useQuery({
    queryKey: ['reports', 'satisfaction', period],
    queryFn: () => dataProvider.getSatisfaction({ from: period.from, to: period.to }),
    enabled: valid,
  });
  const figures = (row: SatisfactionFigures) => [
    formatCount(row.ratings, locale),
    ...SATISFACTION_LEVELS.map((level) =>
      translate('motcua.satisfaction_report.count_share', {
        count: formatCount(row.levels[level], locale),
        share: formatPercent(row.ratings === 0 ? null : row.percentages[level], locale),
      }),
    ),
    formatPercent(row.satisfiedPercent, locale),
    row.averageTotal === null ? '—' : formatDecimal(row.averageTotal, locale),
  ];
  return (
    <ReportCard id="report-satisfaction" title="motcua.satisfaction_report.title">
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.satisfaction_report.hint')}
      </Typography>
      {isPending && valid && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <>
          <Scrolling id="report-satisfaction-agencies">
            <SimpleTable
              id="report-satisfaction-agencies"
              title="motcua.satisfaction_report.per_agency"
              columns={['motcua.satisfaction_report.agency', ...FIGURE_COLUMNS]}
              rows={[
                ...data.agencies,
                { agency: { code: '', name: translate('motcua.reports.total') }, ...data.total },
              ]}
              cells={(row) => [row.agency.name, ...figures(row)]}
            />
          </Scrolling>
          <Scrolling id="report-satisfaction-officers">
            <SimpleTable
              id="report-satisfaction-officers"
              title="motcua.satisfaction_report.per_officer"
              columns={['motcua.satisfaction_report.officer', 'motcua.satisfaction_report.agency', ...FIGURE_COLUMNS]}
              rows={data.officers}
              cells={(row) => [row.officer.fullName ?? row.officer.username, row.agency.name, ...figures(row)]}
              empty="motcua.satisfaction_report.no_ratings"
            />
          </Scrolling>
          <SimpleTable
            id="report-satisfaction-criteria"
            title="motcua.satisfaction_report.per_criterion"
            columns={['motcua.satisfaction_report.criterion', 'motcua.satisfaction_report.average']}
            rows={SATISFACTION_CRITERIA}
            cells={(criterion) => [
              translate(`motcua.satisfaction.criteria.${criterion}`),
              data.total.criteria[criterion] === null ? '—' : formatDecimal(data.total.criteria[criterion], locale),
            ]}
          />
        </>
      )}
    </ReportCard>
  );
}
