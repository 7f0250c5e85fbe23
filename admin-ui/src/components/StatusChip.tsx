import Chip, { type ChipProps } from '@mui/material/Chip';
import { useTranslate } from 'react-admin';
import type { DossierStatus } from '@motcua/common';

const COLORS: Record<DossierStatus, ChipProps['color']> = {
  incomplete: 'warning',
  received: 'info',
  in_progress: 'primary',
  awaiting_supplement: 'warning',
  awaiting_fees: 'warning',
  at_other_agency: 'secondary',
  result_ready: 'success',
  returned: 'default',
  refused: 'error',
  withdrawn: 'default',
};

/** A dossier status in words the officer or citizen reads, coloured by how far along it is. */
export function StatusChip({ status }: { status: DossierStatus }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COLORS[status] ?? 'default'}
      label={translate(`motcua.dossier_status.${status}`, { _: status })}
    />
  );
}
