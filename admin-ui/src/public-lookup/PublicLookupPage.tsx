import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Link, LocalesMenuButton, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { PublicDossier } from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import { StatusChip } from '../components/StatusChip.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: '14rem 1fr' },
        gap: 1,
        py: 1,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body1" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

function LookupResult({ dossier }: { dossier: PublicDossier }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dateOrNotYet = (value: string | null) =>
    value ? formatDate(value, locale) : translate('motcua.public_lookup.not_yet');
  return (
    <Box component="section" aria-labelledby="lookup-result-heading" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" id="lookup-result-heading">
        {dossier.code}
      </Typography>
      <Box component="dl" sx={{ m: 0 }}>
        <Row label={translate('motcua.public_lookup.status')}>
          <StatusChip status={dossier.status} />
        </Row>
        <Row label={translate('motcua.public_lookup.procedure')}>{dossier.procedure.name}</Row>
        <Row label={translate('motcua.public_lookup.agency')}>{dossier.agency.name}</Row>
        <Row label={translate('motcua.public_lookup.receivedAt')}>{formatDate(dossier.receivedAt, locale)}</Row>
        <Row label={translate('motcua.public_lookup.dueAt')}>{dateOrNotYet(dossier.dueAt)}</Row>
        <Row label={translate('motcua.public_lookup.finishedAt')}>{dateOrNotYet(dossier.finishedAt)}</Row>
      </Box>
    </Box>
  );
}

/**
 * The citizens' page: look a dossier up by its code, without signing in. Shows only what the
 * public API returns (status, procedure, agency, dates), never personal data.
 */
export function PublicLookupPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [code, setCode] = useState('');
  const [missingCode, setMissingCode] = useState(false);
  const lookup = useMutation({ mutationFn: (value: string) => dataProvider.lookupPublicDossier(value) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim();
    setMissingCode(value === '');
    if (value !== '') lookup.mutate(value);
  };

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default', py: 4, px: 2 }}>
      <Box component="main" sx={{ maxWidth: 720, mx: 'auto' }}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
          <Typography variant="h5" component="p" color="primary">
            {translate('motcua.app.title')}
          </Typography>
          <LocalesMenuButton />
        </Stack>
        <Card>
          <CardContent>
            <Typography variant="h4" component="h1" gutterBottom>
              {translate('motcua.public_lookup.title')}
            </Typography>
            <Typography variant="body1" color="text.secondary" gutterBottom>
              {translate('motcua.public_lookup.subtitle')}
            </Typography>
            <Box
              component="form"
              role="search"
              onSubmit={submit}
              noValidate
              sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', mt: 2, flexWrap: 'wrap' }}
            >
              <TextField
                label={translate('motcua.public_lookup.code')}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                error={missingCode}
                helperText={
                  missingCode ? translate('motcua.validation.required') : translate('motcua.public_lookup.code_hint')
                }
                required
                autoComplete="off"
                sx={{ flex: 1, minWidth: 260 }}
              />
              <Button
                label="motcua.public_lookup.submit"
                type="submit"
                variant="contained"
                size="large"
                disabled={lookup.isPending}
                sx={{ mt: 1 }}
              >
                <SearchIcon />
              </Button>
            </Box>
            {lookup.error && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {lookup.error.message}
              </Alert>
            )}
            {lookup.data && !lookup.error && <LookupResult dossier={lookup.data} />}
          </CardContent>
        </Card>
        <Box sx={{ mt: 2, textAlign: 'center' }}>
          <Link to="/login">{translate('motcua.public_lookup.staff_login')}</Link>
        </Box>
      </Box>
    </Box>
  );
}
