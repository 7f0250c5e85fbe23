import DownloadIcon from '@mui/icons-material/Download';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import {
  Button,
  EditButton,
  NumberField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { FormTemplate } from '@motcua/common';
import { DateField } from '../components/DateField.js';
import { FileButton } from '../components/FileButton.js';
import { formatDate } from '../components/formatDate.js';
import { SimpleTable } from '../components/SimpleTable.js';
import type { MotcuaDataProvider, ProcedureDetailRecord } from '../providers/dataProvider.js';
import { levelChoices } from './choices.js';
import { EditProcessButton } from './EditProcessButton.js';
import { FormTemplateUpload } from './FormTemplateUpload.js';

function ActiveToggle() {
  const record = useRecordContext<ProcedureDetailRecord>();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const toggle = useMutation({
    mutationFn: (active: boolean) => dataProvider.setProcedureActive(record?.code ?? '', active),
    onSuccess: (_result, active) => {
      notify(active ? 'motcua.procedures.restored' : 'motcua.procedures.withdrawn_done', { type: 'success' });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!record) return null;
  return (
    <Button
      label={record.active ? 'motcua.procedures.withdraw' : 'motcua.procedures.restore'}
      color={record.active ? 'warning' : 'primary'}
      disabled={toggle.isPending}
      onClick={() => toggle.mutate(!record.active)}
    />
  );
}

function ProcedureShowActions() {
  const { canAccess } = useCanAccess({ resource: 'procedures', action: 'edit' });
  if (!canAccess) return <TopToolbar />;
  return (
    <TopToolbar>
      <EditButton label="motcua.procedures.new_version" />
      <EditProcessButton />
      <ActiveToggle />
    </TopToolbar>
  );
}

function TemplateButtons({ templates }: { templates: readonly FormTemplate[] }) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
      {templates.map((template) => (
        <FileButton
          key={template.id}
          label={template.name}
          icon={<DownloadIcon />}
          fileName={template.fileName}
          load={() => dataProvider.getFormTemplate(template)}
        />
      ))}
    </Stack>
  );
}

/** The documents, fees, form templates and versions of the current procedure. */
function ProcedureContent() {
  const record = useRecordContext<ProcedureDetailRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { canAccess: administers } = useCanAccess({ resource: 'procedures', action: 'edit' });
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <SimpleTable
        id="procedure-documents"
        title="resources.procedures.fields.requiredDocuments"
        columns={[
          'resources.procedures.fields.document.name',
          'resources.procedures.fields.document.originals',
          'resources.procedures.fields.document.copies',
          'resources.procedures.fields.document.mandatory',
          'resources.procedures.fields.document.note',
        ]}
        rows={record.requiredDocuments}
        cells={(document) => [
          document.name,
          document.originals,
          document.copies,
          translate(document.mandatory ? 'ra.boolean.true' : 'ra.boolean.false'),
          document.note ?? '',
        ]}
      />
      <SimpleTable
        id="procedure-fees"
        title="resources.procedures.fields.fees"
        columns={[
          'resources.procedures.fields.fee.name',
          'resources.procedures.fields.fee.amountVnd',
          'resources.procedures.fields.fee.note',
        ]}
        rows={record.fees}
        cells={(fee) => [fee.name, `${fee.amountVnd.toLocaleString('vi-VN')} đ`, fee.note ?? '']}
        empty="motcua.procedures.no_fees"
      />
      <Box component="section" aria-labelledby="procedure-templates-heading" sx={{ mt: 2 }}>
        <Typography variant="subtitle1" component="h3" id="procedure-templates-heading">
          {translate('resources.procedures.fields.formTemplates')}
        </Typography>
        {record.formTemplates.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('motcua.procedures.no_templates')}
          </Typography>
        )}
        <TemplateButtons templates={record.formTemplates} />
        {administers && (
          <Box sx={{ mt: 1 }}>
            <FormTemplateUpload code={record.code} version={record.latestVersion} />
          </Box>
        )}
      </Box>
      <SimpleTable
        id="procedure-versions"
        title="motcua.procedures.versions"
        columns={[
          'resources.procedures.fields.version',
          'resources.procedures.fields.name',
          'resources.procedures.fields.processingDays',
          'resources.procedures.fields.effectiveFrom',
          'resources.procedures.fields.processKey',
          'motcua.procedures.created',
        ]}
        // the catalogue's record stands in until the detail, with its versions, has arrived
        rows={record.versions ?? []}
        cells={(version) => [
          version.version,
          version.name,
          version.processingDays,
          formatDate(version.effectiveFrom, locale, true),
          version.processKey,
          `${version.createdBy} (${formatDate(version.createdAt, locale, true)})`,
        ]}
      />
    </Box>
  );
}

/** One procedure of the catalogue with its current version, its documents and fees, its templates and versions. */
export function ProcedureShow() {
  return (
    <Show actions={<ProcedureShowActions />}>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="name" />
        <TextField source="field" />
        <SelectField source="level" choices={levelChoices} />
        <TextField source="agency.name" />
        <NumberField source="processingDays" />
        <NumberField source="version" />
        <DateField source="effectiveFrom" showTime />
        <TextField source="legalBasis" />
        <TextField source="processKey" />
      </SimpleShowLayout>
      <ProcedureContent />
    </Show>
  );
}
