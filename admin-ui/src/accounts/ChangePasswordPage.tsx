import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '@motcua/common';
import {
  Form,
  PasswordInput,
  SaveButton,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { storeToken } from '../providers/session.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import type { AccountAdministration } from './accountsProvider.js';
import { mustChangePassword } from './passwordSession.js';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

/**
 * The officer's own password change: forced after an admin created the account or reset its
 * password, and open to anyone signed in. The new password is checked as the officer types with
 * the very rule the server applies (common/src/password/policy.ts), so a refusal never comes as a
 * surprise; the server's answer is a new token, since the change ends every earlier sign-in.
 */
export function ChangePasswordPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<MotcuaDataProvider & AccountAdministration>();
  const forced = mustChangePassword();
  const change = useMutation({
    mutationFn: (values: PasswordForm) =>
      dataProvider.changeOwnPassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (token) => {
      storeToken(token);
      notify('motcua.password.changed', { type: 'success' });
      redirect('/');
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  const policy = (value: unknown) => {
    if (typeof value !== 'string' || value === '') return undefined;
    const problem = passwordProblem(value, { username: typeof identity?.id === 'string' ? identity.id : undefined });
    return problem ? { message: `motcua.validation.${problem.code}`, args: problem.params ?? {} } : undefined;
  };
  const sameAsNew = (value: unknown, values: Partial<PasswordForm>) =>
    value === values.newPassword ? undefined : 'motcua.password.mismatch';
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 2 }}>
      <Card sx={{ maxWidth: 520, width: '100%' }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            {translate('motcua.password.title')}
          </Typography>
          {forced && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {translate('motcua.password.forced')}
            </Alert>
          )}
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('motcua.password.policy', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          </Typography>
          <Form<PasswordForm> onSubmit={(values: Record<string, unknown>) => change.mutate(values as unknown as PasswordForm)}>
            <PasswordInput
              source="currentPassword"
              label="motcua.password.current"
              autoComplete="current-password"
              validate={(value: unknown) => (value ? undefined : 'ra.validation.required')}
              fullWidth
            />
            <PasswordInput
              source="newPassword"
              label="motcua.password.new"
              autoComplete="new-password"
              validate={[(value: unknown) => (value ? undefined : 'ra.validation.required'), policy]}
              fullWidth
            />
            <PasswordInput
              source="confirmation"
              label="motcua.password.confirmation"
              autoComplete="new-password"
              validate={sameAsNew}
              fullWidth
            />
            <SaveButton label="motcua.password.submit" disabled={change.isPending} alwaysEnable />
          </Form>
        </CardContent>
      </Card>
    </Box>
  );
}
