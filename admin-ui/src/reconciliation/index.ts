import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import type { ResourceProps } from 'react-admin';
import { ReconciliationList } from './ReconciliationList.js';

/**
 * What the reconciler found between the engine's processes and the dossiers (GET /api/reconciliation):
 * for admins, who decide what the reconciler cannot repair safely by itself.
 */
export const reconciliation: ResourceProps = {
  name: 'reconciliation',
  list: ReconciliationList,
  icon: SyncProblemIcon,
};
