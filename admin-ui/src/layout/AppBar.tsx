import Typography from '@mui/material/Typography';
import { AppBar as RaAppBar, TitlePortal, useTranslate } from 'react-admin';

/** The top bar: the application's name, then the page title (locale and user menus come from react-admin). */
export function AppBar() {
  const translate = useTranslate();
  return (
    <RaAppBar>
      <Typography variant="h6" component="span" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
        {translate('motcua.app.title')}
      </Typography>
      <TitlePortal />
    </RaAppBar>
  );
}
