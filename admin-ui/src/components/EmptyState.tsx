import InboxIcon from '@mui/icons-material/Inbox';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useListContext, useTranslate } from 'react-admin';

export interface EmptyStateProps {
  /** The message key when the list is empty. */
  message: string;
  /** The message key when only the filters leave it empty; defaults to `message`. */
  filteredMessage?: string;
}

/** What an empty list says instead of a bare table header: why it is empty and what to do next. */
export function EmptyState({ message, filteredMessage }: EmptyStateProps) {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const filtered = Object.values(filterValues ?? {}).some((value) => value !== undefined && value !== '');
  return (
    <Box sx={{ py: 6, px: 2, textAlign: 'center', color: 'text.secondary' }}>
      <InboxIcon sx={{ fontSize: 48, opacity: 0.5 }} />
      <Typography variant="body1">{translate(filtered && filteredMessage ? filteredMessage : message)}</Typography>
    </Box>
  );
}
