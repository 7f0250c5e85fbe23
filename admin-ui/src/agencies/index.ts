import AccountTreeIcon from '@mui/icons-material/AccountTree';
import type { ResourceProps } from 'react-admin';
import { AgencyCreate } from './AgencyCreate.js';
import { AgencyEdit } from './AgencyEdit.js';
import { AgencyList } from './AgencyList.js';

/** The agency tree (cơ quan) with code history and mergers; the admin unit keeps its own subtree. */
export const agencies: ResourceProps = {
  name: 'agencies',
  list: AgencyList,
  create: AgencyCreate,
  edit: AgencyEdit,
  icon: AccountTreeIcon,
  recordRepresentation: 'name',
};
