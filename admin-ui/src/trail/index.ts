import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import type { ResourceProps } from 'react-admin';
import { TrailCheckPage } from './TrailCheckPage.js';

/**
 * The check of the tamper-evident trail (GET /api/audit/trail/verify): for auditors and admins, who
 * must be able to show that no dossier event or audit row was changed behind the application.
 */
export const trail: ResourceProps = {
  name: 'trail',
  list: TrailCheckPage,
  icon: VerifiedUserIcon,
};
