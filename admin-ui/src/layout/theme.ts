import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * Buttons in sentence case on one line: upper-cased Vietnamese stacks its diacritics and wraps
 * ("TRẢ / LẠI") in narrow table columns.
 */
function withReadableButtons(base: RaThemeOptions): RaThemeOptions {
  return {
    ...base,
    components: {
      ...base.components,
      MuiButton: {
        ...base.components?.MuiButton,
        styleOverrides: { root: { textTransform: 'none', whiteSpace: 'nowrap' } },
      },
    },
  };
}

/**
 * Colours that meet WCAG 2.2 AA (1.4.3, 4.5:1 for text) in the light theme: Material's default blue,
 * orange and light blue are too pale for white text on a chip or the app bar, or as text on the
 * white and grey backgrounds (e2e/tests/every-page-is-accessible.spec.ts checks every page). Each
 * colour below gives at least 4.5:1 with white and on the page's backgrounds down to #f0f0f0.
 */
const ACCESSIBLE_LIGHT_PALETTE: RaThemeOptions['palette'] = {
  primary: { main: '#1565c0', contrastText: '#fff' },
  // react-admin paints the app bar in the secondary colour
  secondary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' },
  info: { main: '#01579b', contrastText: '#fff' },
  success: { main: '#276b2b', contrastText: '#fff' },
  warning: { main: '#9a4a00', contrastText: '#fff' },
  error: { main: '#c62828', contrastText: '#fff' },
};

function withAccessibleColours(base: RaThemeOptions): RaThemeOptions {
  return { ...base, palette: { ...base.palette, ...ACCESSIBLE_LIGHT_PALETTE } };
}

/** react-admin's light and dark themes with readable buttons; the light one in accessible colours. */
export const theme = withAccessibleColours(withReadableButtons(defaultLightTheme));
export const darkTheme = withReadableButtons(defaultDarkTheme);
