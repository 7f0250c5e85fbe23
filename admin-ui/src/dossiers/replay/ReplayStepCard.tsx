import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReplayStep } from '@motcua/common';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDate } from '../../components/formatDate.js';
import { actorLabel, durationOf } from './replayModel.js';
import { useFormatDuration } from './useFormatDuration.js';

/** What kind of step it is, in words: an officer's task, a system step, the reception, an end, a reminder. */
function kindOf(step: ReplayStep): string {
  if (step.type === 'userTask') return 'user_task';
  if (step.type === 'serviceTask') return 'system';
  if (step.type === 'startEvent') return 'start';
  if (step.type.endsWith('EndEvent')) return 'end';
  if (step.type.toLowerCase().includes('timer')) return 'timer';
  return 'other';
}

export interface ReplayStepCardProps {
  step: ReplayStep;
  /** The stop's number, from 1, and how many stops there are. */
  number: number;
  count: number;
}

/** One handover of the replay: which step, who, when, how long, the outcome chosen, its deadline, a pause or a transfer. */
export function ReplayStepCard({ step, number, count }: ReplayStepCardProps) {
  const translate = useTranslate();
  const formatDuration = useFormatDuration();
  const [locale] = useLocaleState();
  const at = (value: string | null) => formatDate(value, locale, true);
  const name = translate(`motcua.tasks.names.${step.activityId}`, { _: step.name ?? step.activityId });
  const who = actorLabel(step);
  const rows: [string, string][] = [
    ['actor', who ? (step.actorName && step.actor ? `${step.actorName} (${step.actor})` : who) : '—'],
    ['started', at(step.startedAt)],
    ['ended', step.endedAt ? at(step.endedAt) : translate('motcua.dossiers.replay.in_progress')],
    ['duration', formatDuration(durationOf(step))],
  ];
  if (step.claimedAt) rows.push(['claimed', at(step.claimedAt)]);
  if (step.type === 'userTask') {
    rows.push(['outcome', step.outcome ? translate(`motcua.tasks.outcome.${step.outcome}`, { _: step.outcome }) : '—']);
  }
  if (step.plannedDueAt) rows.push(['planned_due', at(step.plannedDueAt)]);
  if (step.pause) {
    const items = step.pause.items.length > 0 ? `: ${step.pause.items.join('; ')}` : '';
    rows.push([
      'pause',
      translate(step.pause.resumedAt ? 'motcua.dossiers.replay.pause_text' : 'motcua.dossiers.replay.pause_open', {
        from: at(step.pause.pausedAt),
        until: at(step.pause.resumedAt),
      }) + items,
    ]);
  }
  if (step.transfer) {
    rows.push([
      'transfer',
      translate(
        step.transfer.returnedAt ? 'motcua.dossiers.replay.transfer_text' : 'motcua.dossiers.replay.transfer_open',
        {
          agency: step.transfer.agencyName,
          due: at(step.transfer.dueAt),
          returned: at(step.transfer.returnedAt),
        },
      ),
    ]);
  }

  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 1 }} role="region" aria-live="polite" aria-label={name}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 'bold' }}>
          {translate('motcua.dossiers.replay.step_of', { number, count, name })}
        </Typography>
        <Chip size="small" variant="outlined" label={translate(`motcua.dossiers.replay.kinds.${kindOf(step)}`)} />
        {step.endedAt === null && (
          <Chip
            size="small"
            label={translate('motcua.dossiers.replay.current')}
            sx={{ bgcolor: '#0d47a1', color: '#fff' }}
          />
        )}
        {step.late && (
          <Chip
            size="small"
            label={translate('motcua.dossiers.replay.late')}
            sx={{ bgcolor: '#b71c1c', color: '#fff' }}
          />
        )}
        {step.canceled && <Chip size="small" variant="outlined" label={translate('motcua.dossiers.replay.canceled')} />}
      </Box>
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' },
          columnGap: 2,
          rowGap: 0.5,
          m: 0,
          mt: 1,
        }}
      >
        {rows.map(([key, value]) => (
          <Box key={key} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
              {translate(`motcua.dossiers.replay.fields.${key}`)}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, mb: { xs: 1, sm: 0 } }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
    </Paper>
  );
}
