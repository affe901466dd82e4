import {
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  columnLetter,
  IMPORT_FIELDS,
  IMPORT_KINDS,
  MONEY_FIELDS,
  questionField,
  type ColumnMapping,
  type ImportKind,
  type ImportPreview,
} from '../../../../shared/schemas/imports';
import { useInvoke } from '../../lib/useInvoke';
import { formatCount } from '../../../../shared/format';

/** What a new analysis of the same file changes. */
export interface AnalyzeChange {
  importKind?: ImportKind;
  sheet?: string;
  mapping?: ColumnMapping[];
  templateId?: number;
}

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

interface ImportPreviewPanelProps {
  preview: ImportPreview;
  mapping: ColumnMapping[];
  onMappingChange(mapping: ColumnMapping[]): void;
  /** Analyse again with another kind, sheet, survey template or the edited mapping. */
  onReanalyze(change: AnalyzeChange): void;
}

/** What the file is: name, format, sheet, header row, and what it holds (kind, survey template). */
function FileFacts({ preview, onReanalyze }: Pick<ImportPreviewPanelProps, 'preview' | 'onReanalyze'>) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
      <Typography fontWeight={600}>{preview.fileName}</Typography>
      <Chip size="small" label={`${preview.format}${preview.encoding ? ` · ${preview.encoding}` : ''}`} />
      {preview.sheets.length > 1 ? (
        <TextField
          select
          size="small"
          label={t('imports.sheet')}
          value={preview.sheet}
          onChange={(e) => onReanalyze({ sheet: e.target.value })}
          sx={{ width: 160 }}
        >
          {preview.sheets.map((s) => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <Typography variant="body2">
          {t('imports.sheet')}：{preview.sheet}
        </Typography>
      )}
      <Typography variant="body2">{t('imports.headerRow', { row: preview.headerRow })}</Typography>
      <TextField
        select
        size="small"
        label={t('imports.kind')}
        value={preview.kind}
        onChange={(e) => onReanalyze({ importKind: e.target.value as ImportKind })}
        sx={{ width: 170 }}
      >
        {IMPORT_KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {t(`imports.kinds.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      {preview.surveys && (
        <TemplateSelect
          templateId={preview.surveys.templateId}
          onChange={(templateId) => onReanalyze({ templateId, mapping: undefined })}
        />
      )}
    </Stack>
  );
}

/** One column of the file: its letter and header, the field it is read as, and (for money) its unit. */
function MappingRow({
  m,
  fields,
  onChange,
}: {
  m: ColumnMapping;
  fields: Array<{ value: string; label: string }>;
  onChange(patch: Partial<ColumnMapping>): void;
}) {
  const { t } = useTranslation();
  return (
    <TableRow>
      <TableCell sx={{ width: 48 }}>{columnLetter(m.column)}</TableCell>
      <TableCell>{m.header || '—'}</TableCell>
      <TableCell sx={{ width: 260 }}>
        <TextField
          select
          size="small"
          value={m.field ?? ''}
          onChange={(e) => {
            const field = e.target.value || null;
            onChange({
              field,
              unit: field && MONEY_FIELDS.has(field) ? (m.unit ?? m.headerUnit ?? 'yuan') : null,
            });
          }}
          sx={{ width: 240 }}
          slotProps={{
            htmlInput: { 'aria-label': `${t('imports.field')} ${columnLetter(m.column)}` },
            select: { displayEmpty: true },
          }}
        >
          <MenuItem value="">{t('imports.ignore')}</MenuItem>
          {fields.map((f) => (
            <MenuItem key={f.value} value={f.value}>
              {f.label}
            </MenuItem>
          ))}
        </TextField>
      </TableCell>
      <TableCell sx={{ width: 120 }}>
        {m.unit && (
          <TextField
            select
            size="small"
            value={m.unit}
            onChange={(e) => onChange({ unit: e.target.value as 'yuan' | 'wan' })}
            sx={{ width: 100 }}
          >
            <MenuItem value="yuan">{t('imports.yuan')}</MenuItem>
            <MenuItem value="wan">{t('imports.wan')}</MenuItem>
          </TextField>
        )}
      </TableCell>
    </TableRow>
  );
}

/** How the columns are read, editable; an edited mapping is analysed again. */
function MappingPanel({ preview, mapping, onMappingChange, onReanalyze }: ImportPreviewPanelProps) {
  const { t } = useTranslation();
  const edited = JSON.stringify(mapping) !== JSON.stringify(preview.mapping);
  const setColumn = (column: number, patch: Partial<ColumnMapping>) =>
    onMappingChange(mapping.map((m) => (m.column === column ? { ...m, ...patch } : m)));
  // A survey file's columns may also be its template's questions.
  const fields: Array<{ value: string; label: string }> = [
    ...IMPORT_FIELDS[preview.kind].map((f) => ({ value: f, label: t(`imports.field_.${f}`) })),
    ...(preview.surveys?.questions ?? []).map((text, i) => ({
      value: questionField(i),
      label: t('imports.question', { n: i + 1, text }),
    })),
  ];
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" alignItems="center" spacing={2} sx={{ mb: 1 }}>
        <Typography variant="subtitle1">{t('imports.mapping')}</Typography>
        {preview.layoutRemembered && <Chip size="small" color="info" label={t('imports.remembered')} />}
        <Box sx={{ flexGrow: 1 }} />
        <Button size="small" variant="outlined" disabled={!edited} onClick={() => onReanalyze({ mapping })}>
          {t('imports.reanalyze')}
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('imports.mappingHint')}
      </Typography>
      <TableContainer sx={{ maxHeight: 280 }}>
        <Table size="small" stickyHeader data-testid="import-mapping">
          <TableHead>
            <TableRow>
              <TableCell>{t('imports.column')}</TableCell>
              <TableCell>{t('imports.header')}</TableCell>
              <TableCell>{t('imports.field')}</TableCell>
              <TableCell>{t('imports.unit')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {mapping.map((m) => (
              <MappingRow key={m.column} m={m} fields={fields} onChange={(patch) => setColumn(m.column, patch)} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

/** Each month in the file: its rows, and how many rows already there it would replace. */
function MonthsTable({ months }: { months: ImportPreview['months'] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" sx={{ maxWidth: 480 }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('imports.month')}</TableCell>
          <TableCell sx={num}>{t('imports.monthRows')}</TableCell>
          <TableCell sx={num}>{t('imports.replaces')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {months.map((m) => (
          <TableRow key={m.month}>
            <TableCell>{m.month}</TableCell>
            <TableCell sx={num}>{formatCount(m.rows)}</TableCell>
            <TableCell sx={{ ...num, color: m.replacesRows > 0 ? 'warning.dark' : undefined }}>
              {m.replacesRows > 0 ? m.replacesRows : t('imports.newMonth')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What would change: rows read and skipped, customers new, updated and unchanged, months, holdings, surveys, staff. */
function ChangeSummary({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="import-summary">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t('imports.summary', { rows: preview.rows, skipped: preview.skipped })}
      </Typography>
      <Stack direction="row" spacing={3} sx={{ mb: 1 }}>
        {(['newCustomers', 'updatedCustomers', 'unchangedCustomers'] as const).map((key) => (
          <Box key={key}>
            <Typography variant="caption" color="text.secondary">
              {t(`imports.${key}`)}
            </Typography>
            <Typography variant="h6" sx={num}>
              {formatCount(preview[key])}
            </Typography>
          </Box>
        ))}
      </Stack>
      {preview.months.length > 0 && <MonthsTable months={preview.months} />}
      {preview.products && (
        <Typography variant="body2" data-testid="import-products">
          {t('imports.productsLine', {
            added: preview.products.added,
            changed: preview.products.changed,
            same: preview.products.same,
          })}
        </Typography>
      )}
      {preview.holdings && (
        <Typography variant="body2">
          {t('imports.holdingsLine', {
            customers: preview.holdings.customers,
            rows: preview.holdings.rows,
            replaces: preview.holdings.replacesRows,
          })}
        </Typography>
      )}
      {preview.surveys && (
        <Typography variant="body2" data-testid="import-surveys">
          {t('imports.surveysLine', {
            responses: preview.surveys.responses,
            low: preview.surveys.lowScores,
            followUps: preview.surveys.followUps,
          })}
        </Typography>
      )}
      {preview.newStaff.length > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('imports.newStaff', { codes: preview.newStaff.join('、') })}
        </Typography>
      )}
    </Paper>
  );
}

/** One file of the dry run: what it is, how its columns are read, and what it would change. */
export function ImportPreviewPanel({ preview, mapping, onMappingChange, onReanalyze }: ImportPreviewPanelProps) {
  return (
    <Stack spacing={2} data-testid="import-file-detail">
      <FileFacts preview={preview} onReanalyze={onReanalyze} />
      <MappingPanel preview={preview} mapping={mapping} onMappingChange={onMappingChange} onReanalyze={onReanalyze} />
      <ChangeSummary preview={preview} />
    </Stack>
  );
}

/** The survey template a file of answers is read by (the latest version of each). */
function TemplateSelect({ templateId, onChange }: { templateId: number; onChange(templateId: number): void }) {
  const { t } = useTranslation();
  const templates = useInvoke('surveys.templates', {});
  const list = templates.data?.templates ?? [];
  return (
    <TextField
      select
      size="small"
      label={t('imports.surveyTemplate')}
      value={list.some((x) => x.id === templateId) ? templateId : ''}
      onChange={(e) => onChange(Number(e.target.value))}
      sx={{ width: 220 }}
    >
      {list.map((x) => (
        <MenuItem key={x.id} value={x.id}>
          {x.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
