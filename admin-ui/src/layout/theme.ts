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

/**
 * Pages no wider than the screen. react-admin's layout is at least as wide as its content's
 * narrowest layout (`min-width: fit-content`), and that counts the page title in the app bar whole:
 * a dossier's title with its code widened the dossier page to 408 px on a 390 px phone, whose right
 * edge was then cut off. With a minimum width of 0 the title is shortened instead, and the show
 * page's boxes take the screen's width; a list's table scrolls inside its own box
 * (./TableScrollsSideways.tsx), which its page can then be narrower than.
 */
function withPagesThatFitTheScreen(base: RaThemeOptions): RaThemeOptions {
  const components = base.components as Record<string, { styleOverrides?: { root?: object } }> | undefined;
  return {
    ...base,
    components: {
      ...base.components,
      RaLayout: {
        ...components?.RaLayout,
        styleOverrides: {
          // react-admin sets `min-width: fit-content`, which counts the whole page title in the app bar
          root: { ...components?.RaLayout?.styleOverrides?.root, minWidth: 0, '& .RaLayout-content': { minWidth: 0 } },
        },
      },
      RaList: {
        ...components?.RaList,
        styleOverrides: {
          root: { ...components?.RaList?.styleOverrides?.root, '& .RaList-main, & .RaList-content': { minWidth: 0 } },
        },
      },
      RaShow: {
        ...components?.RaShow,
        styleOverrides: {
          root: { ...components?.RaShow?.styleOverrides?.root, '& .RaShow-main, & .RaShow-card': { minWidth: 0 } },
        },
      },
    },
  };
}

/** react-admin's light and dark themes with readable buttons; the light one in accessible colours. */
export const theme = withAccessibleColours(withPagesThatFitTheScreen(withReadableButtons(defaultLightTheme)));
export const darkTheme = withPagesThatFitTheScreen(withReadableButtons(defaultDarkTheme));
