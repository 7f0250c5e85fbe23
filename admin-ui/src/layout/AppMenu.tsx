import { Menu, usePermissions } from 'react-admin';
import type { Role } from '@motcua/common';
import { menuResources } from '../providers/access.js';

/** The resources the officer's roles may use, in the order their work needs them. */
export function AppMenu() {
  const { permissions } = usePermissions<Role[]>();
  return (
    <Menu>
      {menuResources(permissions ?? []).map((name) => (
        <Menu.ResourceItem key={name} name={name} />
      ))}
    </Menu>
  );
}
