import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ResourceProps } from 'react-admin';
import { TaskList } from './TaskList.js';

/** Tasks (công việc): the user tasks of running processes, claimed and completed by officers. */
export const tasks: ResourceProps = {
  name: 'tasks',
  list: TaskList,
  icon: AssignmentIcon,
};
