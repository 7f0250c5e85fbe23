import DeleteIcon from '@mui/icons-material/Delete';
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { Button, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import {
  RESULT_DELIVERIES,
  type Agency,
  type CompleteTask,
  type ResultDelivery,
  type Task,
  type TaskOutcome,
} from '@motcua/common';
import {
  completionProblems,
  EMPTY_COMPLETION,
  returnsResult,
  toCompleteTask,
  type CompletionState,
} from './completion.js';

export interface CompleteTaskDialogProps {
  task: Task;
  open: boolean;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (input: CompleteTask) => void;
}

/** The words of an outcome: the step's own wording where it has one ("Đạt, trình lãnh đạo" at appraisal). */
function useOutcomeLabel(taskKey: string) {
  const translate = useTranslate();
  return (outcome: TaskOutcome) =>
    translate(`motcua.tasks.outcome_at.${taskKey}.${outcome}`, { _: translate(`motcua.tasks.outcome.${outcome}`) });
}

/** The agencies a dossier may be transferred to: every agency but the officer's own. */
function PartnerAgencySelect({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (code: string) => void;
}) {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data, isPending } = useGetList<Agency & { id: string }>('agencies');
  const agencies = (data ?? []).filter((agency) => agency.code !== identity?.agencyCode);
  return (
    <TextField
      select
      label={translate('motcua.tasks.complete_dialog.partner_agency')}
      value={isPending ? '' : value}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ? translate(error) : translate('motcua.tasks.complete_dialog.partner_hint')}
      required
      fullWidth
      margin="normal"
    >
      {agencies.map((agency) => (
        <MenuItem key={agency.code} value={agency.code} sx={{ pl: 2 + agency.depth * 2 }}>
          {agency.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Every item the applicant must bring, listed at once (Mẫu 02). */
function SupplementItems({
  items,
  error,
  onChange,
}: {
  items: string[];
  error?: string;
  onChange: (items: string[]) => void;
}) {
  const translate = useTranslate();
  return (
    <FormControl error={Boolean(error)} fullWidth margin="normal" component="fieldset">
      <FormLabel component="legend">{translate('motcua.tasks.complete_dialog.supplement_items')}</FormLabel>
      {items.map((item, index) => (
        <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'center', mt: 1 }}>
          <TextField
            label={translate('motcua.tasks.complete_dialog.supplement_item', { number: index + 1 })}
            value={item}
            onChange={(event) => onChange(items.map((old, at) => (at === index ? event.target.value : old)))}
            fullWidth
            size="small"
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
          {items.length > 1 && (
            <IconButton
              aria-label={translate('motcua.tasks.complete_dialog.remove_item', { number: index + 1 })}
              onClick={() => onChange(items.filter((_, at) => at !== index))}
            >
              <DeleteIcon />
            </IconButton>
          )}
        </Stack>
      ))}
      <Box sx={{ mt: 1 }}>
        <Button label="motcua.tasks.complete_dialog.add_item" onClick={() => onChange([...items, ''])}>
          <AddIcon />
        </Button>
      </Box>
      {error && <FormHelperText>{translate(error)}</FormHelperText>}
    </FormControl>
  );
}

/**
 * Completing a task: the decisions the step offers (from its diagram, listed on the task), each with
 * the data it needs — the items to supplement, the refusal reasons, the partner agency — and, when
 * the result is handed over, how (and the postal tracking reference); plus an optional comment.
 */
export function CompleteTaskDialog({ task, open, submitting, onCancel, onSubmit }: CompleteTaskDialogProps) {
  const translate = useTranslate();
  const outcomeLabel = useOutcomeLabel(task.taskDefinitionKey);
  const [state, setState] = useState<CompletionState>(EMPTY_COMPLETION);
  const [showProblems, setShowProblems] = useState(false);
  const problems = showProblems ? completionProblems(task, state) : {};
  const update = (change: Partial<CompletionState>) => setState((current) => ({ ...current, ...change }));
  const titleId = `complete-task-title-${task.id}`;
  const outcomeLabelId = `complete-task-outcome-${task.id}`;
  const returnLabelId = `complete-task-return-${task.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(completionProblems(task, state)).length > 0) {
      setShowProblems(true);
      return;
    }
    onSubmit(toCompleteTask(task, state));
  };

  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{translate('motcua.tasks.complete_dialog.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {translate(`motcua.tasks.names.${task.taskDefinitionKey}`, { _: task.name ?? task.taskDefinitionKey })}
            {' — '}
            <strong>{task.dossierCode}</strong>
            {task.applicantName ? ` (${task.applicantName})` : ''}
          </DialogContentText>
          {task.outcomes.length > 0 && (
            <FormControl error={Boolean(problems.outcome)} required margin="normal">
              <FormLabel id={outcomeLabelId}>{translate('motcua.tasks.complete_dialog.outcome')}</FormLabel>
              <RadioGroup
                aria-labelledby={outcomeLabelId}
                value={state.outcome ?? ''}
                onChange={(event) => update({ outcome: event.target.value as TaskOutcome })}
              >
                {task.outcomes.map((value) => (
                  <FormControlLabel key={value} value={value} control={<Radio />} label={outcomeLabel(value)} />
                ))}
              </RadioGroup>
              {problems.outcome && <FormHelperText>{translate(problems.outcome)}</FormHelperText>}
            </FormControl>
          )}
          {state.outcome === 'request_supplement' && (
            <SupplementItems
              items={state.supplementItems}
              error={problems.supplementItems}
              onChange={(supplementItems) => update({ supplementItems })}
            />
          )}
          {state.outcome === 'refuse' && (
            <TextField
              label={translate('motcua.tasks.complete_dialog.refusal_reason')}
              value={state.refusalReason}
              onChange={(event) => update({ refusalReason: event.target.value })}
              error={Boolean(problems.refusalReason)}
              helperText={problems.refusalReason ? translate(problems.refusalReason) : ' '}
              required
              multiline
              minRows={2}
              fullWidth
              margin="normal"
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
          )}
          {state.outcome === 'transfer' && (
            <PartnerAgencySelect
              value={state.partnerAgencyCode}
              error={problems.partnerAgencyCode}
              onChange={(partnerAgencyCode) => update({ partnerAgencyCode })}
            />
          )}
          {returnsResult(task) && (
            <FormControl error={Boolean(problems.returnMethod)} required margin="normal">
              <FormLabel id={returnLabelId}>{translate('motcua.tasks.complete_dialog.return_method')}</FormLabel>
              <RadioGroup
                aria-labelledby={returnLabelId}
                value={state.returnMethod ?? ''}
                onChange={(event) => update({ returnMethod: event.target.value as ResultDelivery })}
              >
                {RESULT_DELIVERIES.map((value) => (
                  <FormControlLabel
                    key={value}
                    value={value}
                    control={<Radio />}
                    label={translate(`motcua.result_delivery.${value}`)}
                  />
                ))}
              </RadioGroup>
              {problems.returnMethod && <FormHelperText>{translate(problems.returnMethod)}</FormHelperText>}
            </FormControl>
          )}
          {returnsResult(task) && state.returnMethod === 'post' && (
            <TextField
              label={translate('motcua.tasks.complete_dialog.postal_tracking_ref')}
              value={state.postalTrackingRef}
              onChange={(event) => update({ postalTrackingRef: event.target.value })}
              error={Boolean(problems.postalTrackingRef)}
              helperText={problems.postalTrackingRef ? translate(problems.postalTrackingRef) : ' '}
              required
              fullWidth
              margin="normal"
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
          )}
          <TextField
            label={translate('motcua.tasks.complete_dialog.comment')}
            value={state.comment}
            onChange={(event) => update({ comment: event.target.value })}
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onCancel} disabled={submitting} />
          <Button label="ra.action.confirm" type="submit" variant="contained" disabled={submitting} />
        </DialogActions>
      </form>
    </Dialog>
  );
}
