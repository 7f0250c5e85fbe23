import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import type { ChecklistLine } from '../dossiers/reception.js';

export interface DocumentChecklistProps {
  lines: readonly ChecklistLine[];
  onChange: (index: number, change: Partial<ChecklistLine>) => void;
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
  /** Id of the heading that names the table. */
  labelledBy: string;
}

/**
 * The documents of a procedure as a checklist: tick what was handed in and how many originals and
 * copies; mandatory documents are marked. Each checkbox is named by its document.
 */
export function DocumentChecklist({ lines, onChange, idPrefix, labelledBy }: DocumentChecklistProps) {
  const translate = useTranslate();
  const count = (index: number, field: 'originals' | 'copies', label: string, value: number) => (
    <TextField
      type="number"
      size="small"
      value={value}
      onChange={(event) => onChange(index, { [field]: Math.max(0, Number(event.target.value) || 0) })}
      slotProps={{ htmlInput: { min: 0, max: 100, 'aria-label': label } }}
      sx={{ width: 80 }}
    />
  );
  return (
    <Table size="small" aria-labelledby={labelledBy}>
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">{translate('motcua.reception.handed_in')}</TableCell>
          <TableCell>{translate('motcua.reception.document')}</TableCell>
          <TableCell>{translate('motcua.reception.originals')}</TableCell>
          <TableCell>{translate('motcua.reception.copies')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((line, index) => {
          const nameId = `${idPrefix}-${index}-name`;
          return (
            <TableRow key={`${index}-${line.name}`}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={line.handedIn}
                  onChange={(event) => onChange(index, { handedIn: event.target.checked })}
                  slotProps={{ input: { 'aria-labelledby': nameId } }}
                />
              </TableCell>
              <TableCell>
                <Typography component="span" variant="body2" id={nameId}>
                  {line.name}
                </Typography>{' '}
                {line.mandatory && (
                  <Chip
                    size="small"
                    variant="outlined"
                    color="warning"
                    label={translate('motcua.reception.mandatory')}
                  />
                )}
              </TableCell>
              <TableCell>
                {count(
                  index,
                  'originals',
                  translate('motcua.reception.originals_of', { name: line.name }),
                  line.originals,
                )}
              </TableCell>
              <TableCell>
                {count(index, 'copies', translate('motcua.reception.copies_of', { name: line.name }), line.copies)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
