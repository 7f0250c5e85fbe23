import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, type ReactNode } from 'react';
import { Link, LocalesMenuButton, useTranslate } from 'react-admin';

export interface PublicLayoutProps {
  /** Translation key of the browser tab's title. */
  pageTitle: string;
  children: ReactNode;
  /** Translation key of the note under the page. */
  footer?: string;
  maxWidth?: number;
}

/**
 * The frame of the citizens' pages (lookup, catalogue): the administration's banner, the language
 * menu, links between the public pages and to the officers' sign-in. Works on a phone and a kiosk.
 */
export function PublicLayout({ pageTitle, children, footer, maxWidth = 720 }: PublicLayoutProps) {
  const translate = useTranslate();
  useEffect(() => {
    const previous = document.title;
    document.title = translate(pageTitle);
    return () => {
      document.title = previous;
    };
  }, [translate, pageTitle]);

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <Box component="header" sx={{ bgcolor: '#a4161a', color: '#fff', borderBottom: '4px solid #f2c94c' }}>
        <Stack
          direction="row"
          sx={{ maxWidth, mx: 'auto', px: 2, py: 1.5, justifyContent: 'space-between', alignItems: 'center', gap: 1 }}
        >
          <Box>
            <Typography variant="caption" component="p" sx={{ opacity: 0.9, lineHeight: 1.3 }}>
              {translate('motcua.public_lookup.banner')}
            </Typography>
            <Typography variant="h6" component="p" sx={{ fontWeight: 'bold', lineHeight: 1.3 }}>
              {translate('motcua.app.title')}
            </Typography>
          </Box>
          <Box sx={{ color: '#fff', '& .MuiButton-root': { color: 'inherit' } }}>
            <LocalesMenuButton />
          </Box>
        </Stack>
      </Box>
      <Box component="main" sx={{ maxWidth, mx: 'auto', px: { xs: 1, sm: 2 }, py: { xs: 2, sm: 4 } }}>
        {children}
        {footer && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2, textAlign: 'center' }}>
            {translate(footer)}
          </Typography>
        )}
        <Stack
          component="nav"
          aria-label={translate('motcua.public.navigation')}
          direction="row"
          spacing={3}
          sx={{ mt: 1, justifyContent: 'center', flexWrap: 'wrap' }}
        >
          <Link to="/tra-cuu">{translate('motcua.public_lookup.title')}</Link>
          <Link to="/thu-tuc">{translate('motcua.public_procedures.title')}</Link>
          <Link to="/login">{translate('motcua.public_lookup.staff_login')}</Link>
        </Stack>
      </Box>
    </Box>
  );
}
