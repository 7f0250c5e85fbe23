import Alert from '@mui/material/Alert';
import { useWatch } from 'react-hook-form';
import { Create, LinearProgress, SelectInput, SimpleForm, TextInput, required, useTranslate } from 'react-admin';
import { CALENDAR_DAY_KINDS, HOLIDAY_OCCASIONS } from '@motcua/common/calendar';
import { useCalendarEditing } from './useCalendarEditing.js';

const kindChoices = CALENDAR_DAY_KINDS.map((kind) => ({ id: kind, name: `motcua.calendar.row_kinds.${kind}` }));
const occasionChoices = HOLIDAY_OCCASIONS.map((occasion) => ({
  id: occasion,
  name: `motcua.calendar.occasions.${occasion}`,
}));

function KindHelp() {
  const translate = useTranslate();
  const kind = useWatch({ name: 'kind' }) as string | undefined;
  if (!kind) return null;
  return (
    <>
      <Alert severity="info" sx={{ width: '100%' }}>
        {translate(`motcua.calendar.row_kind_help.${kind}`)}
      </Alert>
      {kind === 'holiday' && (
        <SelectInput source="occasion" choices={occasionChoices} emptyText="motcua.calendar.no_occasion" />
      )}
    </>
  );
}

/**
 * The province's admin enters a day of an official announcement: a holiday date, a day off or a
 * worked weekend day. An admin of another agency who opens the address is told why it is closed.
 */
export function CalendarCreate() {
  const translate = useTranslate();
  const { mayEdit, isPending } = useCalendarEditing();
  if (isPending) return <LinearProgress />;
  if (!mayEdit) {
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {translate('motcua.calendar.province_only')}
      </Alert>
    );
  }
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput source="date" type="date" validate={required()} slotProps={{ inputLabel: { shrink: true } }} />
        <SelectInput source="kind" choices={kindChoices} validate={required()} />
        <KindHelp />
        <TextInput source="name" validate={required()} fullWidth />
        <TextInput source="legalRef" validate={required()} helperText="motcua.calendar.legal_ref_hint" fullWidth />
      </SimpleForm>
    </Create>
  );
}
