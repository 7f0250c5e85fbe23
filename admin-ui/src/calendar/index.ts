import EventIcon from '@mui/icons-material/Event';
import type { ResourceProps } from 'react-admin';
import { CalendarCreate } from './CalendarCreate.js';
import { CalendarList } from './CalendarList.js';

/** The holiday calendar (lịch nghỉ lễ): the year's days off with their reasons; the admin unit adds and deletes rows. */
export const calendar: ResourceProps = {
  name: 'calendar',
  list: CalendarList,
  create: CalendarCreate,
  icon: EventIcon,
};
