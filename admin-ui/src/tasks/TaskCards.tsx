import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { RecordContextProvider, useListContext } from 'react-admin';
import type { Task } from '@motcua/common';
import { EmptyState } from '../components/EmptyState.js';
import { TaskActions } from './TaskActions.js';
import { AssigneeField, DossierCodeField, DueDateField, TaskNameField, TaskTimelinessField } from './fields.js';

/**
 * The work list on a phone: one card per task with the same fields and buttons as a row of the
 * table, stacked, so nothing has to be scrolled sideways. The list's paging and filters stay as
 * they are above and below it.
 */
export function TaskCards() {
  const { data, isPending } = useListContext<Task>();
  if (isPending) return null;
  if (!data || data.length === 0) {
    return <EmptyState message="motcua.tasks.empty" filteredMessage="motcua.tasks.empty_filtered" />;
  }
  return (
    <Stack spacing={1.5} sx={{ p: 1 }} component="ul">
      {data.map((task) => (
        <RecordContextProvider key={task.id} value={task}>
          <Card component="li" variant="outlined" sx={{ listStyle: 'none' }}>
            <CardContent sx={{ '&:last-child': { pb: 2 } }}>
              <Stack spacing={1}>
                <TaskNameField />
                <Typography variant="body2" color="text.secondary">
                  {task.procedureName}
                </Typography>
                <DossierCodeField />
                <Typography variant="body2">{task.applicantName}</Typography>
                <DueDateField />
                <TaskTimelinessField />
                <AssigneeField />
                <TaskActions />
              </Stack>
            </CardContent>
          </Card>
        </RecordContextProvider>
      ))}
    </Stack>
  );
}
