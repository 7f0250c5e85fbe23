import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface SimpleTableProps<Row> {
  /** Unique on the page: the heading's id names the table. */
  id: string;
  /** Translation key of the heading. */
  title: string;
  /** Translation keys of the column headers. */
  columns: readonly string[];
  rows: readonly Row[];
  cells: (row: Row) => ReactNode[];
  /** Translation key shown when there are no rows; without it an empty table is not shown at all. */
  empty?: string;
}

/** A small read-only table with its heading, for the parts of a dossier or a report. */
export function SimpleTable<Row>({ id, title, columns, rows, cells, empty }: SimpleTableProps<Row>) {
  const translate = useTranslate();
  if (rows.length === 0 && !empty) return null;
  const headingId = `${id}-heading`;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" id={headingId}>
        {translate(title)}
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column}>{translate(column)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length}>{translate(empty ?? '')}</TableCell>
            </TableRow>
          )}
          {rows.map((row, index) => (
            <TableRow key={index}>
              {cells(row).map((cell, column) => (
                <TableCell key={column}>{cell}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
