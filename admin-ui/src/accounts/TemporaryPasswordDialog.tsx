import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { Button, useTranslate } from 'react-admin';

/**
 * Shows a temporary password once, after an account was created or its password reset: the server
 * keeps only its hash, so the admin writes it down now and hands it to the officer, who must change
 * it at the first sign-in.
 */
export function TemporaryPasswordDialog(props: { username: string; password: string | null; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={props.password !== null} onClose={props.onClose} aria-labelledby="temporary-password-title">
      <DialogTitle id="temporary-password-title">{translate('motcua.accounts.temporary_password_title')}</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>{translate('motcua.accounts.temporary_password_for', { username: props.username })}</Typography>
        <Typography
          component="output"
          aria-label={translate('motcua.accounts.temporary_password')}
          sx={{ display: 'block', fontFamily: 'monospace', fontSize: '1.5rem', letterSpacing: 1, my: 2, userSelect: 'all' }}
        >
          {props.password}
        </Typography>
        <Alert severity="warning">{translate('motcua.accounts.temporary_password_once')}</Alert>
      </DialogContent>
      <DialogActions>
        <Button label="motcua.accounts.temporary_password_noted" variant="contained" onClick={props.onClose} />
      </DialogActions>
    </Dialog>
  );
}
