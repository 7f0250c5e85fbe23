import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router-dom';
import { RecordContextProvider, useCreatePath, useListContext, useTranslate } from 'react-admin';
import type { Dossier } from '@motcua/common';
import { DateField } from '../components/DateField.js';
import { EmptyState } from '../components/EmptyState.js';
import { AppointmentField } from './AppointmentField.js';
import { DossierStateField } from './DossierStatusField.js';

/** A label and its value on one line of a card, the label in the muted colour of a table's header. */
function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Typography variant="body2" component="div">
      <Typography component="span" variant="body2" color="text.secondary">
        {label}:{' '}
      </Typography>
      {children}
    </Typography>
  );
}

/**
 * The dossier list on a phone: one card per dossier with what a row of the table shows, stacked,
 * so nothing has to be scrolled sideways; a tap opens the dossier, as a row's click does. The
 * list's filters and paging stay as they are above and below it.
 */
export function DossierCards() {
  const { data, isPending } = useListContext<Dossier>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  if (isPending) return null;
  if (!data || data.length === 0) {
    return <EmptyState message="motcua.dossiers.empty" filteredMessage="motcua.dossiers.empty_filtered" />;
  }
  const field = (name: string) => translate(`resources.dossiers.fields.${name}`);
  return (
    <Stack spacing={1.5} sx={{ p: 1, m: 0 }} component="ul">
      {data.map((dossier) => (
        <RecordContextProvider key={dossier.id} value={dossier}>
          <Card component="li" variant="outlined" sx={{ listStyle: 'none' }}>
            <CardActionArea component={Link} to={createPath({ resource: 'dossiers', id: dossier.id, type: 'show' })}>
              <CardContent sx={{ '&:last-child': { pb: 2 } }}>
                <Stack spacing={0.75}>
                  <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 500, wordBreak: 'break-all' }}>
                    {dossier.code}
                  </Typography>
                  <Typography variant="body1">{dossier.applicant.fullName}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {dossier.procedure.name}
                  </Typography>
                  <DossierStateField />
                  <Line label={field('receivedAt')}>
                    <DateField source="receivedAt" showTime />
                  </Line>
                  {dossier.dueAt && (
                    <Line label={field('dueAt')}>
                      <AppointmentField />
                    </Line>
                  )}
                </Stack>
              </CardContent>
            </CardActionArea>
          </Card>
        </RecordContextProvider>
      ))}
    </Stack>
  );
}
