import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  LinearProgress,
  LinkBase,
  Title,
  useCreatePath,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CalendarDayInfo, CalendarDayRecord } from '@motcua/common';
import { SimpleTable } from '../components/SimpleTable.js';
import { dateLocaleOf } from '../i18n/index.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { vietnamToday } from '../components/vietnamTime.js';
import { useCalendarEditing } from './useCalendarEditing.js';

/** "2026-02-16" → "Thứ Hai, 16/02/2026" (the day of week matters: is it a weekday off or a weekend?). */
function longDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(dateLocaleOf(locale), {
    timeZone: 'UTC',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(`${date}T00:00:00Z`));
}

const KIND_COLORS: Record<CalendarDayInfo['kind'], 'error' | 'warning' | 'success' | 'default' | 'info'> = {
  public_holiday: 'error',
  compensatory_day_off: 'warning',
  extra_day_off: 'warning',
  extra_working_day: 'success',
  weekend: 'default',
  working_day: 'info',
};

function DeleteRowButton({ row }: { row: CalendarDayRecord }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const remove = useMutation({
    mutationFn: () => dataProvider.delete('calendar', { id: row.date, previousData: { ...row, id: row.date } }),
    onSuccess: () => {
      notify('motcua.calendar.deleted', { type: 'success' });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Button
      label="ra.action.delete"
      color="error"
      disabled={remove.isPending}
      aria-label={translate('motcua.calendar.delete_row', { date: row.date })}
      onClick={() => {
        if (window.confirm(translate('motcua.calendar.confirm_delete', { date: row.date, name: row.name }))) {
          remove.mutate();
        }
      }}
    />
  );
}

/**
 * The holiday calendar of one year as the legal clock uses it: every weekday off (statutory
 * holidays, the lunar ones computed; compensatory days; announced days off), holidays on a weekend
 * and worked weekend days, each with its reason and source; below, the data rows the admin unit
 * entered from the official announcements, which the province's admins may add to or delete (the
 * calendar is one for the whole province; other admins are told so and see no edit button).
 */
export function CalendarList() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const createPath = useCreatePath();
  const [year, setYear] = useState(() => Number(vietnamToday().slice(0, 4)));
  const { mayEdit: administers, readOnlyAdmin } = useCalendarEditing();
  const { data, error, isPending } = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => dataProvider.getCalendarYear(year),
  });
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="motcua.calendar.title" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <IconButton aria-label={translate('motcua.calendar.previous_year')} onClick={() => setYear(year - 1)}>
              <ChevronLeftIcon />
            </IconButton>
            <Typography variant="h5" component="h1">
              {translate('motcua.calendar.year', { year })}
            </Typography>
            <IconButton aria-label={translate('motcua.calendar.next_year')} onClick={() => setYear(year + 1)}>
              <ChevronRightIcon />
            </IconButton>
            <Box sx={{ flexGrow: 1 }} />
            {administers && (
              <Button
                component={LinkBase}
                to={createPath({ resource: 'calendar', type: 'create' })}
                label="motcua.calendar.add"
                variant="contained"
              >
                <AddIcon />
              </Button>
            )}
          </Stack>
          {readOnlyAdmin && (
            <Alert severity="info" sx={{ my: 1 }}>
              {translate('motcua.calendar.province_only')}
            </Alert>
          )}
          {isPending && <LinearProgress />}
          {error && <Alert severity="error">{error.message}</Alert>}
          {data && (
            <>
              <Typography variant="body2" color="text.secondary">
                {translate('motcua.calendar.working_days', { count: data.workingDayCount })}
              </Typography>
              <SimpleTable
                id="calendar-days"
                title="motcua.calendar.days"
                columns={[
                  'motcua.calendar.date',
                  'motcua.calendar.kind',
                  'motcua.calendar.name',
                  'motcua.calendar.legal_ref',
                ]}
                rows={data.days}
                cells={(day) => [
                  longDate(day.date, locale),
                  <Chip
                    key="kind"
                    size="small"
                    color={KIND_COLORS[day.kind]}
                    label={translate(`motcua.calendar.day_kind.${day.kind}`)}
                  />,
                  day.name ?? '',
                  day.legalRef ?? '',
                ]}
                empty="motcua.calendar.no_days"
              />
              <SimpleTable
                id="calendar-rows"
                title="motcua.calendar.rows"
                columns={[
                  'motcua.calendar.date',
                  'motcua.calendar.row_kind',
                  'motcua.calendar.name',
                  'motcua.calendar.legal_ref',
                  'motcua.calendar.entered_by',
                  ...(administers ? ['motcua.calendar.actions'] : []),
                ]}
                rows={data.rows}
                cells={(row) => [
                  longDate(row.date, locale),
                  translate(`motcua.calendar.row_kinds.${row.kind}`),
                  row.occasion ? `${row.name} (${translate(`motcua.calendar.occasions.${row.occasion}`)})` : row.name,
                  row.legalRef,
                  row.createdBy,
                  ...(administers ? [<DeleteRowButton key="delete" row={row} />] : []),
                ]}
                empty="motcua.calendar.no_rows"
              />
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
