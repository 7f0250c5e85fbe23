import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { Button, useTranslate } from 'react-admin';
import { TASK_OUTCOMES, USER_TASKS, type CompleteTask, type Task, type TaskOutcome } from '@motcua/common';

export interface CompleteTaskDialogProps {
  task: Task;
  open: boolean;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (input: CompleteTask) => void;
}

/** Tasks whose completion is a decision the process branches on. */
const DECISION_TASKS: readonly string[] = [USER_TASKS.leaderApproval];

/**
 * Completing a task: an optional comment and, for the leader's approval, the required decision
 * (approve, or send the dossier back to appraisal).
 */
export function CompleteTaskDialog({ task, open, submitting, onCancel, onSubmit }: CompleteTaskDialogProps) {
  const translate = useTranslate();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<TaskOutcome | null>(null);
  const [showOutcomeError, setShowOutcomeError] = useState(false);
  const needsDecision = DECISION_TASKS.includes(task.taskDefinitionKey);
  const titleId = `complete-task-title-${task.id}`;
  const outcomeLabelId = `complete-task-outcome-${task.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsDecision && !outcome) {
      setShowOutcomeError(true);
      return;
    }
    const trimmed = comment.trim();
    onSubmit({
      ...(needsDecision && outcome ? { outcome } : {}),
      ...(trimmed ? { comment: trimmed } : {}),
    });
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
          {needsDecision && (
            <FormControl error={showOutcomeError && !outcome} required margin="normal">
              <FormLabel id={outcomeLabelId}>{translate('motcua.tasks.complete_dialog.outcome')}</FormLabel>
              <RadioGroup
                aria-labelledby={outcomeLabelId}
                value={outcome ?? ''}
                onChange={(event) => setOutcome(event.target.value as TaskOutcome)}
              >
                {TASK_OUTCOMES.map((value) => (
                  <FormControlLabel
                    key={value}
                    value={value}
                    control={<Radio />}
                    label={translate(`motcua.tasks.outcome.${value}`)}
                  />
                ))}
              </RadioGroup>
              {showOutcomeError && !outcome && (
                <FormHelperText>{translate('motcua.tasks.complete_dialog.outcome_required')}</FormHelperText>
              )}
            </FormControl>
          )}
          <TextField
            label={translate('motcua.tasks.complete_dialog.comment')}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
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
