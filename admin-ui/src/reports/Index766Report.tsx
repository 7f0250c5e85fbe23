import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LinearProgress, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { Indicator } from '@motcua/common';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { formatCount, formatDecimal, formatPercent } from './numbers.js';
import { isValidPeriod, type Period } from './period.js';
import { ReportCard, WIDE_TABLE } from './ReportCard.js';

function valueOf(indicator: Indicator, locale: string): string {
  if (indicator.value === null) return '—';
  return indicator.unit === '%'
    ? formatPercent(indicator.value, locale)
    : `${formatDecimal(indicator.value, locale)} ${indicator.unit}`;
}

/**
 * The Decision 766 index of the caller's subtree for the period (docs/legal.md §5.2), live: per agency,
 * every indicator with its formula and source; those the system computes with their value and points,
 * the others marked as needing outside data, never estimated.
 */
export function Index766Report({ period }: { period: Period }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [selected, setSelected] = useState(0);
  const valid = isValidPeriod(period);
  const { data, error, isPending } = useQuery({
    queryKey: ['reports', 'index-766', period],
    queryFn: () => dataProvider.getIndex766({ from: period.from, to: period.to }),
    enabled: valid,
  });
  const unit = data?.agencies[Math.min(selected, data.agencies.length - 1)];
  return (
    <ReportCard id="report-index-766" title="motcua.index766.title">
      <Typography variant="body2" color="text.secondary">
        {translate('motcua.index766.hint')}
      </Typography>
      {isPending && valid && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && unit && (
        <>
          <TextField
            select
            label={translate('motcua.reports.agency')}
            value={String(Math.min(selected, data.agencies.length - 1))}
            onChange={(event) => setSelected(Number(event.target.value))}
            sx={{ mt: 2, minWidth: 280 }}
          >
            {data.agencies.map((entry, index) => (
              <MenuItem key={entry.agency.code} value={String(index)}>
                {index === 0 ? translate('motcua.index766.whole', { name: entry.agency.name }) : entry.agency.name}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="subtitle1" component="h3" id="index-766-table-title" sx={{ mt: 2 }}>
            {translate('motcua.index766.computed_points', {
              points: formatDecimal(unit.computedPoints, locale),
              max: formatCount(unit.computedMaxPoints, locale),
            })}
          </Typography>
          <TableContainer sx={WIDE_TABLE} tabIndex={0} role="region" aria-labelledby="index-766-table-title">
            <Table size="small" aria-labelledby="index-766-table-title">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('motcua.index766.indicator')}</TableCell>
                  <TableCell>{translate('motcua.index766.formula')}</TableCell>
                  <TableCell align="right">{translate('motcua.index766.value')}</TableCell>
                  <TableCell align="right">{translate('motcua.index766.points')}</TableCell>
                  <TableCell>{translate('motcua.index766.source')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {unit.indicators.map((indicator) => (
                  <TableRow key={indicator.id}>
                    <TableCell component="th" scope="row">
                      <strong>{indicator.id}</strong> {indicator.name}
                    </TableCell>
                    <TableCell>{indicator.formula}</TableCell>
                    <TableCell align="right">
                      {indicator.availability === 'computed' ? (
                        valueOf(indicator, locale)
                      ) : (
                        <Chip
                          size="small"
                          variant="outlined"
                          color="warning"
                          label={translate('motcua.index766.needs_outside_data')}
                          title={indicator.missing ?? undefined}
                        />
                      )}
                    </TableCell>
                    <TableCell align="right">
                      {indicator.points === null
                        ? '—'
                        : `${formatDecimal(indicator.points, locale)} / ${indicator.maxPoints ?? '—'}`}
                    </TableCell>
                    <TableCell>
                      {indicator.availability === 'computed' ? indicator.source : (indicator.missing ?? '')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </ReportCard>
  );
}
