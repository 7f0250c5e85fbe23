import Chip from '@mui/material/Chip';
import { Datagrid, List, SelectInput, TextField, useRecordContext, useTranslate } from 'react-admin';
import { APOLOGY_STATUSES, type Apology } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { DateField } from '../components/DateField.js';
import { EmptyState } from '../components/EmptyState.js';
import { DossierCodeField } from '../tasks/fields.js';
import { ApologyDecisionButtons } from './ApologyDecisionButtons.js';

const statusChoices = APOLOGY_STATUSES.map((status) => ({ id: status, name: `motcua.apology_status.${status}` }));

const filters = [<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />];

function ApologyStatusField(_props: ColumnProps) {
  const record = useRecordContext<Apology>();
  const translate = useTranslate();
  if (!record) return null;
  const color = record.status === 'approved' ? 'success' : record.status === 'rejected' ? 'default' : 'warning';
  return <Chip size="small" color={color} label={translate(`motcua.apology_status.${record.status}`)} />;
}

function PersonField({ source }: ColumnProps & { source: 'draftedBy' | 'decidedBy' }) {
  const record = useRecordContext<Apology>();
  return <span>{record?.[source]?.fullName ?? ''}</span>;
}

/**
 * Apologies with a new appointment (Mẫu 04): the leader's queue of drafts to approve or reject,
 * and the record of decisions. Drafts are shown first.
 */
export function ApologyList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'draft' }}
      pagination={false}
      exporter={false}
      actions={false}
      empty={false}
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        empty={<EmptyState message="motcua.apology.empty" filteredMessage="motcua.apology.empty_filtered" />}
      >
        <DossierCodeField source="dossierCode" sortable={false} />
        <TextField source="applicantName" sortable={false} />
        <TextField source="procedureName" sortable={false} />
        <TextField source="reason" sortable={false} />
        <DateField source="previousDueAt" showTime sortable={false} />
        <DateField source="newDueAt" showTime sortable={false} />
        <PersonField source="draftedBy" sortable={false} />
        <ApologyStatusField source="status" sortable={false} />
        <TextField source="letterNumber" sortable={false} emptyText="" />
        <ApologyDecisionButtons label={false} />
      </Datagrid>
    </List>
  );
}
