import Chip, { type ChipProps } from '@mui/material/Chip';
import { useTranslate } from 'react-admin';
import type { Timeliness } from '@motcua/common';

const COLORS: Record<Timeliness, ChipProps['color']> = {
  not_due: 'success',
  nearly_due: 'warning',
  overdue: 'error',
  paused: 'info',
  early: 'success',
  on_time: 'success',
  late: 'error',
};

/**
 * Whether a dossier keeps its appointment: not yet due, nearly due, overdue or paused while open;
 * early, on time or late once finished. Outlined, so it reads apart from the status chip beside it.
 */
export function TimelinessChip({ timeliness }: { timeliness: Timeliness | null | undefined }) {
  const translate = useTranslate();
  if (!timeliness) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={COLORS[timeliness] ?? 'default'}
      label={translate(`motcua.timeliness.${timeliness}`, { _: timeliness })}
    />
  );
}
