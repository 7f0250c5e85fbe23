import AddIcon from '@mui/icons-material/AccountTree';
import { Button, LinkBase, useCanAccess } from 'react-admin';

/** Opens the design of a new process from the template; admins only. */
export function NewProcessButton() {
  const { canAccess } = useCanAccess({ resource: 'processes', action: 'edit' });
  if (!canAccess) return null;
  return (
    <Button component={LinkBase} to="/processes/new" label="motcua.processes.new">
      <AddIcon />
    </Button>
  );
}
