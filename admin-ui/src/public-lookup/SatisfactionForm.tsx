import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import {
  PHONE_LAST_DIGITS,
  SATISFACTION_CRITERIA,
  SATISFACTION_LEVELS,
  SATISFACTION_MAX_POINTS,
  type RatingReceipt,
  type RatingRequest,
  type SatisfactionCriterion,
  type SatisfactionLevel,
} from '@motcua/common';

/** Points offered per criterion, best first. */
const POINTS = Array.from({ length: SATISFACTION_MAX_POINTS + 1 }, (_, i) => SATISFACTION_MAX_POINTS - i);

/** The translation key of what went wrong, by the API's status (docs/legal.md §7: the digits are never confirmed). */
function errorKey(status: number): string {
  if (status === 404) return 'motcua.satisfaction.errors.not_found';
  if (status === 409) return 'motcua.satisfaction.errors.conflict';
  if (status === 429) return 'motcua.satisfaction.errors.rate_limited';
  if (status === 400) return 'motcua.satisfaction.errors.invalid';
  return 'motcua.satisfaction.errors.unavailable';
}

class RatingError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** POST /api/public/dossiers/{code}/rating, without signing in. */
async function sendRating(code: string, rating: RatingRequest): Promise<RatingReceipt> {
  let response: Response;
  try {
    response = await fetch(`/api/public/dossiers/${encodeURIComponent(code)}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rating),
    });
  } catch {
    throw new RatingError('motcua.satisfaction.errors.unavailable');
  }
  if (!response.ok) throw new RatingError(errorKey(response.status));
  return (await response.json()) as RatingReceipt;
}

/**
 * The applicant's satisfaction rating of a finished dossier, under its lookup result: the nine
 * criteria of the evaluation table, the overall level, and the last four digits of the phone number
 * given at reception, which prove the rater is the applicant.
 */
export function SatisfactionForm({ code }: { code: string }) {
  const translate = useTranslate();
  const [scores, setScores] = useState<Partial<Record<SatisfactionCriterion, number>>>({});
  const [level, setLevel] = useState<SatisfactionLevel | ''>('');
  const [digits, setDigits] = useState('');
  const [checked, setChecked] = useState(false);
  const rating = useMutation({ mutationFn: (request: RatingRequest) => sendRating(code, request) });

  const allScored = SATISFACTION_CRITERIA.every((criterion) => scores[criterion] !== undefined);
  const complete = allScored && level !== '';
  const digitsValid = new RegExp(`^\\d{${PHONE_LAST_DIGITS}}$`).test(digits);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!allScored || level === '' || !digitsValid) return;
    rating.mutate({ phoneLastDigits: digits, scores: scores as RatingRequest['scores'], level });
  };

  if (rating.isSuccess) {
    return (
      <Alert severity="success" sx={{ mt: 3 }}>
        {translate('motcua.satisfaction.thanks')}
      </Alert>
    );
  }

  const missing = (value: unknown) => checked && value === undefined;
  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="satisfaction-heading"
      sx={{ mt: 3, pt: 2, borderTop: 1, borderColor: 'divider' }}
    >
      <Typography variant="h6" component="h2" id="satisfaction-heading">
        {translate('motcua.satisfaction.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('motcua.satisfaction.intro')}
      </Typography>
      {SATISFACTION_CRITERIA.map((criterion, index) => (
        <FormControl
          key={criterion}
          component="fieldset"
          error={missing(scores[criterion])}
          sx={{ display: 'block', py: 1, borderBottom: 1, borderColor: 'divider' }}
        >
          <FormLabel component="legend" sx={{ color: 'text.primary' }}>
            {`${index + 1}. ${translate(`motcua.satisfaction.criteria.${criterion}`)}`}
          </FormLabel>
          <RadioGroup
            row
            name={criterion}
            value={scores[criterion] === undefined ? '' : String(scores[criterion])}
            onChange={(event) => setScores((previous) => ({ ...previous, [criterion]: Number(event.target.value) }))}
          >
            {POINTS.map((points) => (
              <FormControlLabel
                key={points}
                value={String(points)}
                control={<Radio />}
                label={translate(`motcua.satisfaction.points.p${points}`)}
              />
            ))}
          </RadioGroup>
        </FormControl>
      ))}
      <FormControl component="fieldset" error={checked && level === ''} sx={{ display: 'block', py: 1 }}>
        <FormLabel component="legend" sx={{ color: 'text.primary', fontWeight: 500 }}>
          {translate('motcua.satisfaction.level_question')}
        </FormLabel>
        <RadioGroup
          row
          name="level"
          value={level}
          onChange={(event) => setLevel(event.target.value as SatisfactionLevel)}
        >
          {SATISFACTION_LEVELS.map((value) => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio />}
              label={translate(`motcua.satisfaction.levels.${value}`)}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {checked && !complete && (
        <FormHelperText error sx={{ mb: 1 }}>
          {translate('motcua.satisfaction.errors.incomplete')}
        </FormHelperText>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexDirection: { xs: 'column', sm: 'row' }, mt: 1 }}>
        <TextField
          label={translate('motcua.satisfaction.phone_digits')}
          value={digits}
          onChange={(event) => setDigits(event.target.value.replace(/\D/g, '').slice(0, PHONE_LAST_DIGITS))}
          error={checked && !digitsValid}
          helperText={
            checked && !digitsValid
              ? translate('motcua.satisfaction.errors.digits')
              : translate('motcua.satisfaction.phone_digits_hint')
          }
          required
          autoComplete="off"
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: PHONE_LAST_DIGITS } }}
          sx={{ maxWidth: { sm: '20rem' } }}
          fullWidth
        />
        <MuiButton
          type="submit"
          variant="contained"
          size="large"
          disabled={rating.isPending}
          sx={{ mt: { xs: 0, sm: 1 }, width: { xs: '100%', sm: 'auto' }, flexShrink: 0 }}
        >
          {translate('motcua.satisfaction.submit')}
        </MuiButton>
      </Box>
      {rating.error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {translate(rating.error instanceof RatingError ? rating.error.key : 'motcua.satisfaction.errors.unavailable')}
        </Alert>
      )}
    </Box>
  );
}
