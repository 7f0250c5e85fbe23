import AssessmentIcon from '@mui/icons-material/Assessment';
import type { ResourceProps } from 'react-admin';
import { ReportsPage } from './ReportsPage.js';

/** Reports (báo cáo): apologies per agency, dossiers at risk of being late, the tracking register. */
export const reports: ResourceProps = {
  name: 'reports',
  list: ReportsPage,
  icon: AssessmentIcon,
};
