import UploadFileIcon from '@mui/icons-material/UploadFile';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import {
  FORM_TEMPLATE_MAX_BYTES,
  FORM_TEMPLATE_MEDIA_TYPES,
  type FormTemplateMediaType,
  type UploadFormTemplate,
} from '@motcua/common';
import { ActionDialog } from '../components/ActionDialog.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

/** The file's bytes as base64, as the upload endpoint takes them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

function isTemplateType(type: string): type is FormTemplateMediaType {
  return (FORM_TEMPLATE_MEDIA_TYPES as readonly string[]).includes(type);
}

/** Attach a downloadable form template (PDF, Word or OpenDocument, at most 5 MiB) to a version. */
export function FormTemplateUpload({ code, version }: { code: string; version: number }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: async (input: { name: string; file: File; mediaType: FormTemplateMediaType }) => {
      const body: UploadFormTemplate = {
        name: input.name,
        fileName: input.file.name,
        mediaType: input.mediaType,
        contentBase64: await base64Of(input.file),
      };
      return dataProvider.uploadFormTemplate(code, version, body);
    },
    onSuccess: () => {
      notify('motcua.procedures.template_uploaded', { type: 'success' });
      setOpen(false);
      setName('');
      setFile(null);
      refresh();
    },
    onError: (error: Error) => setProblem(error.message),
  });

  const submit = () => {
    if (!name.trim() || !file) {
      setProblem(translate('motcua.procedures.template_incomplete'));
      return;
    }
    if (!isTemplateType(file.type)) {
      setProblem(translate('motcua.procedures.template_type'));
      return;
    }
    if (file.size > FORM_TEMPLATE_MAX_BYTES) {
      setProblem(translate('motcua.procedures.template_too_big'));
      return;
    }
    setProblem(null);
    upload.mutate({ name: name.trim(), file, mediaType: file.type });
  };

  return (
    <>
      <Button label="motcua.procedures.upload_template" variant="outlined" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <ActionDialog
        id={`upload-template-${version}`}
        open={open}
        title="motcua.procedures.upload_template_title"
        submitLabel="motcua.procedures.upload"
        submitting={upload.isPending}
        error={problem}
        onClose={() => setOpen(false)}
        onSubmit={submit}
      >
        <TextField
          label={translate('motcua.procedures.template_name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          fullWidth
          margin="normal"
        />
        <TextField
          type="file"
          label={translate('motcua.procedures.template_file')}
          onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)}
          required
          fullWidth
          margin="normal"
          helperText={translate('motcua.procedures.template_hint')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { accept: FORM_TEMPLATE_MEDIA_TYPES.join(',') } }}
        />
      </ActionDialog>
    </>
  );
}
