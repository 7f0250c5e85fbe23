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

/** react-admin's light and dark themes with readable buttons. */
export const theme = withReadableButtons(defaultLightTheme);
export const darkTheme = withReadableButtons(defaultDarkTheme);
