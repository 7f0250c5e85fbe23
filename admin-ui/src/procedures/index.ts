import GavelIcon from '@mui/icons-material/Gavel';
import type { ResourceProps } from 'react-admin';
import { ProcedureCreate } from './ProcedureCreate.js';
import { ProcedureEdit } from './ProcedureEdit.js';
import { ProcedureList } from './ProcedureList.js';
import { ProcedureShow } from './ProcedureShow.js';

/**
 * Procedures (thủ tục hành chính): the versioned catalogue, each with its BPMN process. The admin
 * unit adds procedures, and changes one by adding a version (the edit page).
 */
export const procedures: ResourceProps = {
  name: 'procedures',
  list: ProcedureList,
  show: ProcedureShow,
  create: ProcedureCreate,
  edit: ProcedureEdit,
  icon: GavelIcon,
  recordRepresentation: 'name',
};
