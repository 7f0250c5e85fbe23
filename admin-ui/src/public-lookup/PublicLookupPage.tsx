import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { FINAL_STATUSES, PAUSED_STATUSES, type DossierStatus, type PublicDossier } from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import { PublicLayout } from '../components/PublicLayout.js';
import { StatusChip } from '../components/StatusChip.js';
import { TimelinessChip } from '../components/TimelinessChip.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { SatisfactionForm } from './SatisfactionForm.js';

function Row({ label, children, highlight = false }: { label: string; children: ReactNode; highlight?: boolean }) {
  return (
    <Box
      sx={{
        display: 'grid',
        alignItems: 'center',
        ...(highlight ? { bgcolor: 'rgba(25, 118, 210, 0.06)', px: 1, mx: -1, borderRadius: 1 } : {}),
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
      <Typography
        component="dd"
        variant={highlight ? 'h6' : 'body1'}
        color={highlight ? 'primary' : 'inherit'}
        sx={{ m: 0 }}
      >
        {children}
      </Typography>
    </Box>
  );
}

function LookupResult({ dossier }: { dossier: PublicDossier }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dateOrNotYet = (value: string | null, withTime = false) =>
    value ? formatDate(value, locale, withTime) : translate('motcua.public_lookup.not_yet');
  const paused = (PAUSED_STATUSES as readonly DossierStatus[]).includes(dossier.status);
  const finished = (FINAL_STATUSES as readonly DossierStatus[]).includes(dossier.status);
  return (
    <Box component="section" aria-labelledby="lookup-result-heading" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" id="lookup-result-heading" sx={{ wordBreak: 'break-all' }}>
        {dossier.code}
      </Typography>
      <Box component="dl" sx={{ m: 0 }}>
        <Row label={translate('motcua.public_lookup.status')}>
          <StatusChip status={dossier.status} />
        </Row>
        {dossier.timeliness && (
          <Row label={translate('motcua.public_lookup.timeliness')}>
            <TimelinessChip timeliness={dossier.timeliness} />
          </Row>
        )}
        <Row label={translate('motcua.public_lookup.procedure')}>{dossier.procedure.name}</Row>
        <Row label={translate('motcua.public_lookup.agency')}>{dossier.agency.name}</Row>
        <Row label={translate('motcua.public_lookup.receivedAt')}>{formatDate(dossier.receivedAt, locale, true)}</Row>
        <Row label={translate('motcua.public_lookup.dueAt')} highlight>
          {dateOrNotYet(dossier.dueAt, true)}
        </Row>
        <Row label={translate('motcua.public_lookup.finishedAt')}>{dateOrNotYet(dossier.finishedAt)}</Row>
      </Box>
      {paused && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate(`motcua.public_lookup.paused_${dossier.status}`)}
        </Alert>
      )}
      {finished && <SatisfactionForm code={dossier.code} />}
    </Box>
  );
}

/**
 * The citizens' page: look a dossier up by its code, without signing in. The QR code on every form
 * opens it with `?code=`, which is looked up at once. Shows only what the public API returns
 * (status, timeliness, procedure, agency, dates), never personal data. A finished dossier can be
 * rated there by its applicant (SatisfactionForm).
 */
export function PublicLookupPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [searchParams] = useSearchParams();
  const codeFromLink = searchParams.get('code')?.trim() ?? '';
  const [code, setCode] = useState(codeFromLink);
  const [missingCode, setMissingCode] = useState(false);
  const lookup = useMutation({ mutationFn: (value: string) => dataProvider.lookupPublicDossier(value) });
  const lookedUpFromLink = useRef<string | null>(null);
  const { mutate } = lookup;

  useEffect(() => {
    if (codeFromLink === '' || lookedUpFromLink.current === codeFromLink) return;
    lookedUpFromLink.current = codeFromLink;
    setCode(codeFromLink);
    mutate(codeFromLink);
  }, [codeFromLink, mutate]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim();
    setMissingCode(value === '');
    if (value !== '') lookup.mutate(value);
  };

  return (
    <PublicLayout pageTitle="motcua.public_lookup.page_title" footer="motcua.public_lookup.footer">
      <Card>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h4" component="h1" gutterBottom sx={{ fontSize: { xs: '1.75rem', sm: '2.125rem' } }}>
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
            sx={{
              display: 'flex',
              gap: 2,
              alignItems: 'flex-start',
              mt: 2,
              flexDirection: { xs: 'column', sm: 'row' },
            }}
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
              fullWidth
              slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false } }}
            />
            <MuiButton
              type="submit"
              variant="contained"
              size="large"
              disabled={lookup.isPending}
              startIcon={<SearchIcon />}
              sx={{ mt: { xs: 0, sm: 1 }, width: { xs: '100%', sm: 'auto' }, flexShrink: 0 }}
            >
              {translate('motcua.public_lookup.submit')}
            </MuiButton>
          </Box>
          {lookup.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {lookup.error.message}
            </Alert>
          )}
          {lookup.data && !lookup.error && <LookupResult dossier={lookup.data} />}
        </CardContent>
      </Card>
    </PublicLayout>
  );
}
