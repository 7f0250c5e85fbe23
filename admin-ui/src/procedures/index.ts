import GavelIcon from '@mui/icons-material/Gavel';
import type { ResourceProps } from 'react-admin';
import { ProcedureList } from './ProcedureList.js';

/** Procedures (thủ tục hành chính): the catalogue, each with its BPMN process. */
export const procedures: ResourceProps = {
  name: 'procedures',
  list: ProcedureList,
  icon: GavelIcon,
  recordRepresentation: 'name',
};
