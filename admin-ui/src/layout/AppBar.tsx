import Typography from '@mui/material/Typography';
import { AppBar as RaAppBar, TitlePortal, useTranslate } from 'react-admin';

/**
 * The top bar: the application's name, then the page title (locale and user menus come from
 * react-admin). On a phone the name is left out: with the title, the language menu and the three
 * buttons it made the bar wider than the screen.
 */
export function AppBar() {
  const translate = useTranslate();
  return (
    <RaAppBar>
      <Typography variant="h6" component="span" sx={{ mr: 2, whiteSpace: 'nowrap', display: { xs: 'none', sm: 'inline' } }}>
        {translate('motcua.app.title')}
      </Typography>
      <TitlePortal />
    </RaAppBar>
  );
}
