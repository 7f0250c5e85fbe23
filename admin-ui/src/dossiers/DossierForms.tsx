import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { Dossier } from '@motcua/common';
import { FileButton } from '../components/FileButton.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { applicableForms, formFileName } from './forms.js';
import { useDossierApologies } from './useDossierApologies.js';

/**
 * The standard forms that apply to the dossier, each a button naming the form ("Giấy tiếp nhận và
 * hẹn trả kết quả (Mẫu 01)"); the one to hand over now comes first and stands out.
 */
export function DossierForms() {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const { data: apologies } = useDossierApologies(record?.code);
  if (!record) return null;
  const forms = applicableForms(record, apologies?.data ?? []).sort((a, b) => Number(b.primary) - Number(a.primary));
  if (forms.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="dossier-forms-heading" sx={{ px: 2, pb: 2 }}>
      <Typography variant="subtitle1" component="h2" id="dossier-forms-heading">
        {translate('motcua.forms.title')}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mt: 1 }}>
        {forms.map(({ form, ready, primary }) => (
          <FileButton
            key={form}
            label={ready ? `motcua.forms.${form}` : 'motcua.forms.receipt_pending'}
            variant={primary ? 'contained' : 'outlined'}
            disabled={!ready}
            fileName={formFileName(form, record.code)}
            load={() => dataProvider.getDossierForm(record.code, form)}
          />
        ))}
      </Stack>
    </Box>
  );
}
