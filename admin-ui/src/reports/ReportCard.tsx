import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** One report of the reports page: a card with its heading. */
export function ReportCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    // minWidth 0: a wide table scrolls inside its card instead of widening the page (phones)
    <Card component="section" aria-labelledby={`${id}-title`} sx={{ mt: 2, minWidth: 0, maxWidth: '100%' }}>
      {/* focusable: a keyboard scrolls a content wider than the phone too (WCAG 2.1.1, axe scrollable-region-focusable) */}
      <CardContent tabIndex={0} sx={{ overflowX: 'auto' }}>
        <Typography variant="h6" component="h2" id={`${id}-title`}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * A table wider than a phone scrolls sideways inside its card: the page's layout lets its content grow
 * with what it holds, so the width is bounded by the viewport's (less the page's and card's padding).
 * The container takes the keyboard focus (tabIndex 0), so a keyboard user can scroll it too.
 */
export const WIDE_TABLE = { overflowX: 'auto', maxWidth: { xs: 'calc(100vw - 48px)', md: '100%' } } as const;
