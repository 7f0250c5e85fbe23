import MarkEmailUnreadIcon from '@mui/icons-material/MarkEmailUnread';
import type { ResourceProps } from 'react-admin';
import { ApologyList } from './ApologyList.js';

/** Apologies (phiếu xin lỗi, Mẫu 04): drafted by the handler, approved or rejected by the leader. */
export const apologies: ResourceProps = {
  name: 'apologies',
  list: ApologyList,
  icon: MarkEmailUnreadIcon,
};
