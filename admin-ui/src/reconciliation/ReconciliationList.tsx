import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { useMutation } from '@tanstack/react-query';
import {
  Datagrid,
  List,
  SelectInput,
  TextField,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { FINDING_STATES, type FindingDto } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { DateField } from '../components/DateField.js';
import { EmptyState } from '../components/EmptyState.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { DossierCodeField } from '../tasks/fields.js';

const stateChoices = FINDING_STATES.map((state) => ({ id: state, name: `motcua.reconciliation.state.${state}` }));
const filters = [<SelectInput key="state" source="state" choices={stateChoices} alwaysOn />];

/** The kind of a finding, in words; what is left to an admin stands out. */
function KindField(_props: ColumnProps) {
  const record = useRecordContext<FindingDto>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={record.repair === null && record.resolvedAt === null ? 'warning' : 'default'}
      label={translate(`motcua.reconciliation.kind.${record.kind}`)}
    />
  );
}

/** What the pass saw, as the engine and our database told it: process key, states, dossier status. */
function SeenField(_props: ColumnProps) {
  const record = useRecordContext<FindingDto>();
  if (!record) return null;
  const parts = Object.entries(record.detail)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key}: ${String(value)}`);
  return <span style={{ fontSize: '0.8125rem', wordBreak: 'break-word' }}>{parts.join(' · ')}</span>;
}

/** The dossier the finding is about, linked; an orphan process has none. */
function FindingDossierField(props: ColumnProps) {
  const record = useRecordContext<FindingDto>();
  if (!record?.dossierCode) return null;
  return <DossierCodeField {...props} />;
}

/** What the reconciler did, or that it is left to an admin. */
function RepairField(_props: ColumnProps) {
  const record = useRecordContext<FindingDto>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{record.repair ?? translate('motcua.reconciliation.left_to_admin')}</span>;
}

/** Runs a pass now (POST /api/reconciliation) and shows the list again. */
function RunNowButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const run = useMutation({
    mutationFn: () => dataProvider.runReconciliation(),
    onSuccess: (result) => {
      notify('motcua.reconciliation.ran', { type: 'success', messageArgs: { deleted: result.deleted, open: result.data.length } });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Button variant="contained" size="small" disabled={run.isPending} onClick={() => run.mutate()}>
      {translate('motcua.reconciliation.run')}
    </Button>
  );
}

/**
 * The reconciler's findings for the admins: open ones first (what waits for a decision: an override
 * of the dossier's status, or a restart of its processing), then, by the filter, the resolved ones.
 */
export function ReconciliationList() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ state: 'open' }}
      pagination={false}
      exporter={false}
      actions={
        <TopToolbar>
          <RunNowButton />
        </TopToolbar>
      }
      empty={false}
    >
      <Alert severity="info" sx={{ m: 1 }}>
        {translate('motcua.reconciliation.explain')}
      </Alert>
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        empty={<EmptyState message="motcua.reconciliation.empty" filteredMessage="motcua.reconciliation.empty" />}
      >
        <KindField source="kind" sortable={false} />
        <FindingDossierField source="dossierCode" sortable={false} />
        <TextField source="processInstanceId" sortable={false} emptyText="" />
        <SeenField source="detail" sortable={false} />
        <RepairField source="repair" sortable={false} />
        <DateField source="firstSeenAt" showTime sortable={false} />
        <DateField source="lastSeenAt" showTime sortable={false} />
        <DateField source="resolvedAt" showTime sortable={false} emptyText="" />
      </Datagrid>
    </List>
  );
}
