import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Link, LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';

/** react-admin's sign-in form under the application's name, with the way to the citizens' pages. */
export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login>
      <Typography variant="h5" component="h1" sx={{ textAlign: 'center', mt: 1 }}>
        {translate('motcua.app.title')}
      </Typography>
      <LoginForm />
      <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 1, pb: 2 }}>
        <Link to="/tra-cuu">{translate('motcua.auth.public_lookup_link')}</Link>
        <Link to="/thu-tuc">{translate('motcua.auth.public_procedures_link')}</Link>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
}
