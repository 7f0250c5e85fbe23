import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { FormEvent, ReactNode } from 'react';
import { Button, useTranslate } from 'react-admin';

export interface ActionDialogProps {
  /** Unique on the page: names the dialog's title element. */
  id: string;
  open: boolean;
  /** Translation key of the title. */
  title: string;
  /** Translation key of the confirm button. */
  submitLabel: string;
  submitting: boolean;
  /** The failure of the last attempt, already in the officer's words. */
  error?: string | null;
  /** A warning shown above the fields (a change that is audited and cannot be undone, say). */
  warning?: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
  danger?: boolean;
}

/** A dialog holding the fields of one dossier action, with cancel and confirm. */
export function ActionDialog({
  id,
  open,
  title,
  submitLabel,
  submitting,
  error,
  warning,
  onClose,
  onSubmit,
  children,
  danger = false,
}: ActionDialogProps) {
  const translate = useTranslate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="md"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>{translate(title)}</DialogTitle>
        <DialogContent>
          {warning && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {warning}
            </Alert>
          )}
          {children}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} disabled={submitting} />
          <Button
            label={submitLabel}
            type="submit"
            variant="contained"
            color={danger ? 'error' : 'primary'}
            disabled={submitting}
          />
        </DialogActions>
      </form>
    </Dialog>
  );
}
