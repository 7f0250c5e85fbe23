import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LinearProgress, Title, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { TrailBreak, TrailTableResult } from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { formatCount } from '../reports/numbers.js';

/** Hashes and places are long codes: they wrap anywhere rather than widen a phone's page. */
const CODE = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/** The first broken link of a chain: which row, when it says it was written, what differs. */
function BreakDetails({ table, link }: { table: TrailTableResult['table']; link: TrailBreak }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const headingId = `trail-${table}-break`;
  const rows: [string, ReactNode][] = [
    ['motcua.trail.row', translate('motcua.trail.row_value', { row: link.rowId, seq: link.chainSeq })],
    ['motcua.trail.occurred_at', formatDate(link.occurredAt, locale, true)],
    ['motcua.trail.problem_label', translate(`motcua.trail.problem.${link.problem}`)],
    [
      'motcua.trail.expected',
      <Box key="expected" component="span" sx={CODE}>
        {link.expected}
      </Box>,
    ],
    [
      'motcua.trail.found',
      <Box key="found" component="span" sx={CODE}>
        {link.found}
      </Box>,
    ],
  ];
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" id={headingId}>
        {translate('motcua.trail.first_break')}
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" sx={{ width: { sm: '14rem' } }}>
                {translate(label)}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** One chain's result: intact or broken, the links checked, and the last intact link or the first broken one. */
function ChainResult({ result }: { result: TrailTableResult }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const titleId = `trail-${result.table}-title`;
  return (
    <Card component="section" aria-labelledby={titleId} sx={{ mt: 2 }}>
      <CardContent>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <Typography variant="h6" component="h2" id={titleId}>
            {translate(`motcua.trail.tables.${result.table}`)}
          </Typography>
          <Chip
            size="small"
            color={result.ok ? 'success' : 'error'}
            label={translate(result.ok ? 'motcua.trail.table_intact' : 'motcua.trail.table_broken')}
          />
        </Box>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('motcua.trail.rows_checked', { count: formatCount(result.rowsChecked, locale) })}
        </Typography>
        {result.head && (
          <Typography variant="body2" color="text.secondary">
            {translate('motcua.trail.last_link', { row: result.head.rowId, seq: result.head.chainSeq })}{' '}
            <Box component="span" sx={CODE}>
              {result.head.hash}
            </Box>
          </Typography>
        )}
        {result.break && <BreakDetails table={result.table} link={result.break} />}
      </CardContent>
    </Card>
  );
}

/**
 * "Kiểm tra chuỗi nhật ký": the auditor (or an admin) runs the check of both hash chains, the dossier
 * events and the audit log, and reads whether each is intact, how many links were checked, and the
 * first broken link if any. The check reads every row, so it runs when asked, not on opening.
 */
export function TrailCheckPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const check = useMutation({ mutationFn: () => dataProvider.verifyTrail() });
  const result = check.data;
  return (
    <Box sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title="resources.trail.name" />
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('resources.trail.name')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 2 }}>
            {translate('motcua.trail.explain')}
          </Typography>
          <Button variant="contained" onClick={() => check.mutate()} disabled={check.isPending}>
            {translate(check.isPending ? 'motcua.trail.running' : 'motcua.trail.run')}
          </Button>
          {check.isPending && <LinearProgress />}
        </CardContent>
      </Card>
      {check.error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {check.error.message}
        </Alert>
      )}
      {result && !check.isPending && (
        <Box aria-live="polite">
          <Alert severity={result.ok ? 'success' : 'error'} sx={{ mt: 2 }} role="status">
            <AlertTitle>{translate(result.ok ? 'motcua.trail.intact' : 'motcua.trail.broken')}</AlertTitle>
            {translate('motcua.trail.checked_at', { at: formatDate(result.checkedAt, locale, true) })}
          </Alert>
          {result.tables.map((table) => (
            <ChainResult key={table.table} result={table} />
          ))}
        </Box>
      )}
    </Box>
  );
}
