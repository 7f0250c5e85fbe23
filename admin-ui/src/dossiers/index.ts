import FolderSharedIcon from '@mui/icons-material/FolderShared';
import type { ResourceProps } from 'react-admin';
import { DossierCreate } from './DossierCreate.js';
import { DossierList } from './DossierList.js';
import { DossierShow } from './DossierShow.js';

/** Dossiers (hồ sơ): received at the counter, shown with their appointment date and history. */
export const dossiers: ResourceProps = {
  name: 'dossiers',
  list: DossierList,
  show: DossierShow,
  create: DossierCreate,
  icon: FolderSharedIcon,
  recordRepresentation: 'code',
};
