import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { isProcessKey, processFromTemplate } from './designer/newProcess.js';

/**
 * A new process from the ISO template: the admin names its key and its name, the template is saved
 * as the key's draft (not deployed), and the designer opens on it.
 */
export function NewProcessPage() {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const keyInvalid = touched && !isProcessKey(key.trim());

  const start = useMutation({
    mutationFn: async () => {
      const trimmed = key.trim();
      await dataProvider.saveProcessDraft(trimmed, { xml: processFromTemplate(trimmed, name) });
      return trimmed;
    },
    onSuccess: (created) => navigate(`/processes/${encodeURIComponent(created)}/edit`),
    onError: (error: Error) => notify(error.message, { type: 'error', multiLine: true }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (isProcessKey(key.trim())) start.mutate();
  }

  return (
    <Card>
      <Title title={translate('motcua.processes.new_title')} />
      <CardContent>
        <Typography component="h2" variant="h6" gutterBottom>
          {translate('motcua.processes.new_title')}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('motcua.processes.new_intro')}
        </Alert>
        <Stack component="form" spacing={2} onSubmit={submit} noValidate sx={{ maxWidth: 560 }}>
          <TextField
            label={translate('motcua.processes.key')}
            value={key}
            onChange={(event) => setKey(event.target.value)}
            onBlur={() => setTouched(true)}
            required
            error={keyInvalid}
            helperText={translate(keyInvalid ? 'motcua.processes.key_invalid' : 'motcua.processes.key_hint')}
            slotProps={{ htmlInput: { maxLength: 255, autoComplete: 'off', spellCheck: false } }}
          />
          <TextField
            label={translate('motcua.processes.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 300 } }}
          />
          <div>
            <Button type="submit" variant="contained" label="motcua.processes.start_design" disabled={start.isPending}>
              <AccountTreeIcon />
            </Button>
          </div>
        </Stack>
      </CardContent>
    </Card>
  );
}
