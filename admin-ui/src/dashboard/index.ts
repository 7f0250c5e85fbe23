import DashboardIcon from '@mui/icons-material/Dashboard';
import type { ResourceProps } from 'react-admin';
import { DashboardPage } from './DashboardPage.js';

/** The leader's dashboard (bảng điều khiển): what the agency has on hand, what is late, who holds what, the trend. */
export const dashboard: ResourceProps = {
  name: 'dashboard',
  list: DashboardPage,
  icon: DashboardIcon,
};
