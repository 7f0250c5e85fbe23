import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  Button,
  LinearProgress,
  LinkBase,
  Title,
  useCanAccess,
  useCreatePath,
  useGetIdentity,
  useGetList,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import type { Agency, AgencyCodeRecord } from '@motcua/common';
import { formatDate } from '../components/formatDate.js';
import { subtreeOf } from './tree.js';

function CodeHistory({ codes }: { codes: AgencyCodeRecord[] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }} aria-label={translate('motcua.agencies.code_history')}>
      {codes.map((record) => (
        <li key={record.code}>
          <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }}>
            {record.code}
          </Typography>{' '}
          <Typography variant="body2" component="span" color="text.secondary">
            {record.validUntil
              ? translate('motcua.agencies.valid_between', {
                  from: formatDate(record.validFrom, locale),
                  until: formatDate(record.validUntil, locale),
                })
              : translate('motcua.agencies.valid_since', { from: formatDate(record.validFrom, locale) })}
            {record.legalRef ? ` — ${record.legalRef}` : ''}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * The agency tree (cơ quan), each agency with its code history and, after a merger, its successor.
 * Every officer reads it; an admin adds agencies below theirs and edits those of their subtree.
 */
export function AgencyList() {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { identity } = useGetIdentity();
  const { canAccess: mayEdit } = useCanAccess({ resource: 'agencies', action: 'edit' });
  const { data, isPending, error } = useGetList<Agency & { id: string }>('agencies', {
    pagination: { page: 1, perPage: 10_000 },
  });
  const managed = new Set(
    mayEdit && data && typeof identity?.agencyCode === 'string'
      ? subtreeOf(data, identity.agencyCode).map((agency) => agency.code)
      : [],
  );
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="motcua.agencies.title" />
      <Card>
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
              {translate('motcua.agencies.title')}
            </Typography>
            {managed.size > 0 && (
              <Button
                component={LinkBase}
                to={createPath({ resource: 'agencies', type: 'create' })}
                label="motcua.agencies.add"
                variant="contained"
              >
                <AddIcon />
              </Button>
            )}
          </Stack>
          {isPending && <LinearProgress />}
          {error && <Alert severity="error">{error.message}</Alert>}
          <Box component="ul" role="tree" aria-label={translate('motcua.agencies.title')} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {(data ?? []).map((agency) => (
              <Box
                component="li"
                role="treeitem"
                aria-level={agency.depth + 1}
                aria-label={agency.name}
                key={agency.code}
                sx={{ pl: { xs: agency.depth * 1.5, sm: agency.depth * 4 }, py: 1, borderBottom: 1, borderColor: 'divider' }}
              >
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography sx={{ fontWeight: agency.depth === 0 ? 600 : 400 }}>{agency.name}</Typography>
                  {agency.successor && (
                    <Chip
                      size="small"
                      color="warning"
                      label={translate('motcua.agencies.merged_into', { name: agency.successor.name })}
                    />
                  )}
                  <Box sx={{ flexGrow: 1 }} />
                  {managed.has(agency.code) && (
                    <Button
                      component={LinkBase}
                      to={createPath({ resource: 'agencies', type: 'edit', id: agency.code })}
                      label="ra.action.edit"
                      aria-label={translate('motcua.agencies.edit', { name: agency.name })}
                    >
                      <EditIcon />
                    </Button>
                  )}
                </Stack>
                <CodeHistory codes={agency.codes} />
              </Box>
            ))}
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
