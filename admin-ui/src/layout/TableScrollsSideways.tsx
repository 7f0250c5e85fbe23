import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { useResourceContext, useTranslate } from 'react-admin';
import { SCROLLS_SIDEWAYS } from './scrollsSideways.js';

/**
 * A list's table, which is as wide as its columns: on a phone it scrolls sideways inside the page
 * rather than widening the page past the screen (the dossiers' list was 814 px wide on a 390 px
 * phone, with the app bar's buttons past its edge), its columns wide enough to read. The box takes the keyboard focus, so that it
 * can be scrolled without a mouse, and is named after the list for screen readers.
 */
export function TableScrollsSideways({ children }: { children: ReactNode }) {
  const translate = useTranslate();
  const resource = useResourceContext();
  return (
    <Box
      // narrower than this, the columns wrap a word a line and a row grows taller than the screen
      sx={{ ...SCROLLS_SIDEWAYS, '& table': { minWidth: 720 } }}
      tabIndex={0}
      role="region"
      aria-label={resource ? translate(`resources.${resource}.name`, { smart_count: 2 }) : undefined}
    >
      {children}
    </Box>
  );
}
