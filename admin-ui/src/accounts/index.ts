import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import type { ResourceProps } from 'react-admin';
import { AccountCreate } from './AccountCreate.js';
import { AccountEdit } from './AccountEdit.js';
import { AccountList } from './AccountList.js';

/** Officers' accounts (tài khoản cán bộ): the admin unit creates them, sets roles and agency, deactivates them and resets passwords. */
export const accounts: ResourceProps = {
  name: 'accounts',
  list: AccountList,
  create: AccountCreate,
  edit: AccountEdit,
  icon: ManageAccountsIcon,
  recordRepresentation: 'fullName',
};

export { ChangePasswordPage } from './ChangePasswordPage.js';
export { PasswordChangeGate } from './PasswordChangeGate.js';
export { withAccountAdministration } from './accountsProvider.js';
