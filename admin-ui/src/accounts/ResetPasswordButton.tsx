import LockResetIcon from '@mui/icons-material/LockReset';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import type { AccountAdministration, AccountRecord } from './accountsProvider.js';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog.js';

/** Resets the account's password after a confirmation; the temporary password is shown once. */
export function ResetPasswordButton() {
  const record = useRecordContext<AccountRecord>();
  const dataProvider = useDataProvider<MotcuaDataProvider & AccountAdministration>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [password, setPassword] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (username: string) => dataProvider.resetAccountPassword(username),
    onSuccess: (answer) => setPassword(answer.temporaryPassword),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!record) return null;
  return (
    <>
      <Button
        label="motcua.accounts.reset_password"
        disabled={reset.isPending}
        onClick={() => {
          if (window.confirm(translate('motcua.accounts.confirm_reset', { username: record.username }))) {
            reset.mutate(record.username);
          }
        }}
      >
        <LockResetIcon />
      </Button>
      <TemporaryPasswordDialog
        username={record.username}
        password={password}
        onClose={() => {
          setPassword(null);
          refresh();
        }}
      />
    </>
  );
}
