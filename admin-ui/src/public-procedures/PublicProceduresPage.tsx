import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LinearProgress, useDataProvider, useTranslate } from 'react-admin';
import type { PublicProcedure } from '@motcua/common';
import { PublicLayout } from '../components/PublicLayout.js';
import { SimpleTable } from '../components/SimpleTable.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { matchesSearch, processingTimeKey } from './catalogue.js';

function ProcedureDetails({ procedure }: { procedure: PublicProcedure }) {
  const translate = useTranslate();
  return (
    <>
      <SimpleTable
        id={`public-documents-${procedure.code}`}
        title="motcua.public_procedures.documents"
        columns={[
          'motcua.public_procedures.document',
          'motcua.reception.originals',
          'motcua.reception.copies',
          'motcua.public_procedures.mandatory',
        ]}
        rows={procedure.requiredDocuments}
        cells={(document) => [
          <>
            {document.name}
            {document.note && (
              <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                {document.note}
              </Typography>
            )}
          </>,
          document.originals,
          document.copies,
          translate(document.mandatory ? 'motcua.public_procedures.yes' : 'motcua.public_procedures.when_applicable'),
        ]}
      />
      <SimpleTable
        id={`public-fees-${procedure.code}`}
        title="motcua.public_procedures.fees"
        columns={['motcua.public_procedures.fee', 'motcua.public_procedures.amount']}
        rows={procedure.fees}
        cells={(fee) => [
          <>
            {fee.name}
            {fee.note && (
              <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                {fee.note}
              </Typography>
            )}
          </>,
          fee.amountVnd === 0
            ? translate('motcua.public_procedures.free')
            : `${fee.amountVnd.toLocaleString('vi-VN')} đ`,
        ]}
        empty="motcua.public_procedures.no_fees"
      />
      {procedure.formTemplates.length > 0 && (
        <Box component="section" sx={{ mt: 2 }} aria-labelledby={`public-templates-${procedure.code}`}>
          <Typography variant="subtitle1" component="h3" id={`public-templates-${procedure.code}`}>
            {translate('motcua.public_procedures.templates')}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {procedure.formTemplates.map((template) => (
              <li key={template.id}>
                {/* public downloads: the catalogue gives a URL that needs no sign-in */}
                <a href={template.url} download={template.fileName}>
                  {template.name}
                </a>
              </li>
            ))}
          </Box>
        </Box>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        {translate('motcua.public_procedures.legal_basis')}: {procedure.legalBasis}
      </Typography>
    </>
  );
}

/**
 * The public catalogue of administrative procedures, for citizens and kiosks, without signing in:
 * what to bring (documents, originals and copies), the fees, the legal processing time and the
 * competent agency, with the form templates to download.
 */
export function PublicProceduresPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [search, setSearch] = useState('');
  const { data, error, isPending } = useQuery({
    queryKey: ['public', 'procedures'],
    queryFn: () => dataProvider.listPublicProcedures(),
  });
  const shown = (data ?? []).filter((procedure) => matchesSearch(procedure, search));
  return (
    <PublicLayout pageTitle="motcua.public_procedures.page_title" maxWidth={960}>
      <Card>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h4" component="h1" gutterBottom sx={{ fontSize: { xs: '1.75rem', sm: '2.125rem' } }}>
            {translate('motcua.public_procedures.title')}
          </Typography>
          <Typography variant="body1" color="text.secondary" gutterBottom>
            {translate('motcua.public_procedures.subtitle')}
          </Typography>
          <TextField
            type="search"
            label={translate('motcua.public_procedures.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            fullWidth
            margin="normal"
          />
          {isPending && <LinearProgress />}
          {error && <Alert severity="error">{error.message}</Alert>}
          {data && shown.length === 0 && (
            <Typography color="text.secondary">{translate('motcua.public_procedures.none')}</Typography>
          )}
          <Box
            component="ul"
            aria-label={translate('motcua.public_procedures.title')}
            sx={{ listStyle: 'none', p: 0, m: 0 }}
          >
            {shown.map((procedure) => (
              <Box component="li" key={procedure.code} sx={{ mt: 1 }}>
                <Accordion>
                  <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                    <Box>
                      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 500 }}>
                        {procedure.name}
                      </Typography>
                      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mt: 0.5, alignItems: 'center' }}>
                        <Chip
                          size="small"
                          color="primary"
                          label={translate(processingTimeKey(procedure.processingDays), {
                            smart_count: procedure.processingDays,
                          })}
                        />
                        <Chip
                          size="small"
                          variant="outlined"
                          label={translate(`motcua.procedure_level.${procedure.level}`)}
                        />
                        <Typography variant="body2" color="text.secondary">
                          {translate('motcua.public_procedures.code_and_agency', {
                            code: procedure.code,
                            field: procedure.field,
                            agency: procedure.agency.name,
                          })}
                        </Typography>
                      </Stack>
                    </Box>
                  </AccordionSummary>
                  <AccordionDetails>
                    <ProcedureDetails procedure={procedure} />
                  </AccordionDetails>
                </Accordion>
              </Box>
            ))}
          </Box>
        </CardContent>
      </Card>
    </PublicLayout>
  );
}
