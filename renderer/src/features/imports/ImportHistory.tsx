import { Button, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import type { ImportBatch } from '../../../../shared/schemas/imports';

/** The batches of one import, oldest first (they are listed newest first). */
function bySet(batches: ImportBatch[]): ImportBatch[][] {
  const sets = new Map<number, ImportBatch[]>();
  for (const b of batches) sets.set(b.setId, [b, ...(sets.get(b.setId) ?? [])]);
  return [...sets.values()];
}

/** The import history, one row per import with its files together; the latest can be undone as a whole. */
export function ImportHistory({ batches, onUndo }: { batches: ImportBatch[]; onUndo(): void }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {t('imports.history')}
      </Typography>
      {batches.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('imports.noHistory')}
        </Typography>
      ) : (
        <Table size="small" data-testid="import-history">
          <TableHead>
            <TableRow>
              <TableCell>{t('imports.at')}</TableCell>
              <TableCell>{t('imports.file')}</TableCell>
              <TableCell>{t('imports.kind')}</TableCell>
              <TableCell>{t('imports.result')}</TableCell>
              <TableCell>{t('imports.by')}</TableCell>
              <TableCell>{t('imports.status')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {bySet(batches).map((set) => {
              const [first] = set;
              const sum = (key: 'newCustomers' | 'updatedCustomers' | 'assetRows' | 'productRows' | 'holdingRows') =>
                set.reduce((n, b) => n + (b.summary[key] ?? 0), 0);
              return (
                <TableRow key={first.setId} data-testid="import-history-set">
                  <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    {formatDateTime(first.createdAt)}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                    {set.map((b) => (
                      <div key={b.id}>{b.fileName}</div>
                    ))}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    {set.map((b) => (
                      <div key={b.id}>{t(`imports.kinds.${b.kind}`)}</div>
                    ))}
                  </TableCell>
                  <TableCell sx={{ fontSize: 12, verticalAlign: 'top' }}>
                    {t('imports.historyLine', {
                      newCustomers: sum('newCustomers'),
                      updatedCustomers: sum('updatedCustomers'),
                      months: set.flatMap((b) => b.summary.months).join('、') || '—',
                      rows: sum('assetRows') + sum('productRows') + sum('holdingRows'),
                    })}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>{first.createdBy ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    {first.undoneAt ? t('imports.undoneStatus') : t('imports.active')}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    {first.canUndo && (
                      <Button size="small" color="warning" onClick={onUndo} sx={{ whiteSpace: 'nowrap' }}>
                        {set.length > 1 ? t('imports.undoSet', { count: set.length }) : t('imports.undo')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
