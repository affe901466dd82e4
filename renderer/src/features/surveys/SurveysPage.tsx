import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  IconButton,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../../shared/format';
import { localToday } from '../../../../shared/month';
import { CustomerSearchField } from '../../components/CustomerSearchField';
import {
  QUESTION_KINDS,
  SURVEY_CHANNELS,
  type Question,
  type QuestionKind,
  type SurveyFigures,
  type SurveyResults,
  type SurveyTemplate,
} from '../../../../shared/schemas/surveys';
import { ExportButton } from '../../components/ExportButton';
import { useMonthRange } from '../../components/MonthRange';
import { SelectField } from '../../components/SelectField';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { useSession } from '../../lib/session';
import { DateField } from '../../components/DateField';

type Answer = number | number[] | string | null;
const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

function FiguresTable({ title, rows, testId }: { title: string; rows: SurveyFigures[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{title}</TableCell>
            <TableCell sx={num}>{t('surveys.respondents')}</TableCell>
            <TableCell sx={num}>CSAT</TableCell>
            <TableCell sx={num}>NPS</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.label}</TableCell>
              <TableCell sx={num}>{r.respondents}</TableCell>
              <TableCell sx={num}>{r.csat === null ? '—' : formatPercent(r.csat)}</TableCell>
              <TableCell sx={num}>{r.nps === null ? '—' : r.nps.toFixed(1)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** CSAT (left axis, %) and NPS (right) month by month. */
function TrendChart({ byMonth }: { byMonth: SurveyFigures[] }) {
  return (
    <Paper variant="outlined" sx={{ p: 1 }}>
      <LineChart
        height={220}
        skipAnimation
        xAxis={[{ scaleType: 'point', data: byMonth.map((m) => m.key) }]}
        yAxis={[
          { id: 'csat', min: 0, max: 100 },
          { id: 'nps', min: -100, max: 100, position: 'right' },
        ]}
        series={[
          {
            label: 'CSAT %',
            yAxisId: 'csat',
            data: byMonth.map((m) => (m.csat === null ? null : Math.round(m.csat * 1000) / 10)),
            connectNulls: true,
          },
          { label: 'NPS', yAxisId: 'nps', data: byMonth.map((m) => m.nps), connectNulls: true },
        ]}
      />
    </Paper>
  );
}

/** One template's questions, each with its answers summed up by its kind. */
function QuestionsTable({ questions }: { questions: SurveyResults['questions'] }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid="survey-questions">
        <TableHead>
          <TableRow>
            <TableCell>{t('surveys.question')}</TableCell>
            <TableCell sx={num}>{t('surveys.answers')}</TableCell>
            <TableCell>{t('surveys.result')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {questions.map((q) => (
            <TableRow key={q.index}>
              <TableCell>
                {q.index + 1}. {q.text}
              </TableCell>
              <TableCell sx={num}>{q.answers}</TableCell>
              <TableCell>
                {q.kind === 'score' &&
                  t('surveys.scoreResult', {
                    average: q.average ?? '—',
                    csat: q.csat === null ? '—' : formatPercent(q.csat),
                  })}
                {q.kind === 'nps' &&
                  t('surveys.npsResult', {
                    average: q.average ?? '—',
                    nps: q.nps === null ? '—' : q.nps.toFixed(1),
                  })}
                {(q.kind === 'single' || q.kind === 'multiple') &&
                  q.options.map((o) => `${o.label} ${o.count}`).join('，')}
                {q.kind === 'text' && q.texts.map((x) => `${x.date}：${x.text}`).join('；')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** 调查结果: CSAT and NPS by month, tier, manager and template; per question and free text for one template. */
function ResultsPanel({ templates }: { templates: SurveyTemplate[] }) {
  const { t, i18n } = useTranslation();
  const { fromMonth, toMonth, controls } = useMonthRange('surveys', {
    from: t('surveys.fromMonth'),
    to: t('surveys.toMonth'),
  });
  const [familyId, setFamilyId] = useState('');
  const results = useInvoke('surveys.results', {
    fromMonth,
    toMonth,
    ...(familyId ? { familyId: Number(familyId) } : {}),
  });
  const r = results.data;
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2}>
        {controls}
        <SelectField
          label={t('surveys.template')}
          value={familyId}
          options={[
            { value: '', label: t('surveys.allTemplates') },
            ...templates.map((x) => ({ value: String(x.familyId), label: x.name })),
          ]}
          onChange={setFamilyId}
          width={200}
          testId="surveys-template"
        />
      </Stack>
      {results.error ? <Alert severity="error">{errorText(results.error, i18n.language)}</Alert> : null}
      {r && (
        <>
          <Typography variant="body2" data-testid="survey-total">
            {t('surveys.total', {
              respondents: r.total.respondents,
              csat: r.total.csat === null ? '—' : formatPercent(r.total.csat),
              nps: r.total.nps === null ? '—' : r.total.nps.toFixed(1),
            })}
          </Typography>
          {r.byMonth.length > 1 && <TrendChart byMonth={r.byMonth} />}
          <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
            <FiguresTable title={t('surveys.month')} rows={r.byMonth} testId="survey-by-month" />
            <FiguresTable title={t('surveys.tier')} rows={r.byTier} />
            <FiguresTable title={t('surveys.manager')} rows={r.byManager} />
            <FiguresTable title={t('surveys.template')} rows={r.byTemplate} />
          </Stack>
          {r.questions.length > 0 && <QuestionsTable questions={r.questions} />}
        </>
      )}
    </Stack>
  );
}

interface AnswerInputProps {
  question: Question;
  value: Answer;
  onChange(value: Answer): void;
  index: number;
}

/** A score (1–5) or a likelihood to recommend (0–10): one radio each. */
function ScaleAnswer({ question, value, onChange, index, label }: AnswerInputProps & { label: string }) {
  const values = question.kind === 'score' ? [1, 2, 3, 4, 5] : Array.from({ length: 11 }, (_, i) => i);
  return (
    <Stack>
      <Typography variant="body2">{label}</Typography>
      <RadioGroup
        row
        value={value === null ? '' : String(value)}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-label={label}
        data-testid={`answer-${index}`}
      >
        {values.map((v) => (
          <FormControlLabel
            key={v}
            value={String(v)}
            control={<Radio size="small" />}
            label={String(v)}
            sx={{ mr: 1 }}
          />
        ))}
      </RadioGroup>
    </Stack>
  );
}

/** One option (single) or several (multiple), as checkboxes. */
function ChoiceAnswer({ question, value, onChange, label }: AnswerInputProps & { label: string }) {
  const { t } = useTranslation();
  const picks = (value as number[] | null) ?? [];
  return (
    <Stack>
      <Typography variant="body2">
        {label} {question.kind === 'multiple' ? t('surveys.multiple') : ''}
      </Typography>
      <Stack direction="row" flexWrap="wrap">
        {(question.options ?? []).map((option, i) => (
          <FormControlLabel
            key={option}
            control={
              <Checkbox
                size="small"
                checked={picks.includes(i)}
                onChange={(e) => {
                  const next =
                    question.kind === 'single'
                      ? e.target.checked
                        ? [i]
                        : []
                      : e.target.checked
                        ? [...picks, i]
                        : picks.filter((p) => p !== i);
                  onChange(next.length ? next : null);
                }}
              />
            }
            label={option}
          />
        ))}
      </Stack>
    </Stack>
  );
}

/** One question's answer input, by its kind. */
function AnswerInput(props: AnswerInputProps) {
  const { question, value, onChange, index } = props;
  const label = `${index + 1}. ${question.text}`;
  if (question.kind === 'score' || question.kind === 'nps') return <ScaleAnswer {...props} label={label} />;
  if (question.kind === 'text')
    return (
      <TextField
        size="small"
        label={label}
        value={(value as string | null) ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        multiline
      />
    );
  return <ChoiceAnswer {...props} label={label} />;
}

type EntryForm = { customerNo: string; date: string; channel: (typeof SURVEY_CHANNELS)[number] };

/** Which template, which customer (unless fixed), when and how the answers were given. */
function EntryFields({
  templates,
  template,
  onTemplate,
  form,
  onForm,
  customerFixed,
  fields,
}: {
  templates: SurveyTemplate[];
  template: SurveyTemplate;
  onTemplate(id: string): void;
  form: EntryForm;
  onForm(form: EntryForm): void;
  customerFixed: boolean;
  fields: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <SelectField
        label={t('surveys.template')}
        value={String(template.id)}
        options={templates.map((x) => ({ value: String(x.id), label: x.name }))}
        onChange={onTemplate}
        width={200}
        testId="entry-template"
      />
      {!customerFixed && (
        <CustomerSearchField
          label={t('surveys.customerNo')}
          value={form.customerNo}
          onChange={(no) => onForm({ ...form, customerNo: no })}
          error={Boolean(fields.customerNo)}
          helperText={fields.customerNo}
          testId="entry-customer"
          width={220}
        />
      )}
      <DateField
        size="small"
        label={t('surveys.date')}
        value={form.date}
        onChange={(date) => onForm({ ...form, date })}
      />
      <TextField
        select
        size="small"
        label={t('surveys.channel')}
        value={form.channel}
        onChange={(e) => onForm({ ...form, channel: e.target.value as EntryForm['channel'] })}
        sx={{ width: 100 }}
      >
        {SURVEY_CHANNELS.map((c) => (
          <MenuItem key={c} value={c}>
            {t(`surveys.channels.${c}`)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

/**
 * 录入答卷: a customer's answers, by template; a low score says a follow-up action was created. With `customerNo`
 * (from the customer card) the customer is fixed.
 */
function EntryPanel({
  templates,
  customerNo,
  onSaved,
}: {
  templates: SurveyTemplate[];
  customerNo?: string;
  onSaved?(): void;
}) {
  const { t, i18n } = useTranslation();
  const { error, attempt } = useAttempt();
  const [templateId, setTemplateId] = useState('');
  const template = templates.find((x) => String(x.id) === templateId) ?? templates[0];
  const [form, setForm] = useState<EntryForm>({ customerNo: customerNo ?? '', date: localToday(), channel: 'phone' });
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [done, setDone] = useState<string | null>(null);
  if (!template) return <Alert severity="info">{t('surveys.noTemplates')}</Alert>;
  const shown = template.questions.map((_q, i) => answers[i] ?? null);
  const save = () =>
    attempt(async () => {
      setDone(null);
      const result = await invoke('surveys.respond', { templateId: template.id, ...form, answers: shown });
      setDone(
        result.followUpActionId !== null ? t('surveys.savedFollowUp') : (result.followUpProblem ?? t('surveys.saved')),
      );
      setAnswers([]);
      onSaved?.();
    });
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720 }} data-testid="survey-entry">
      <EntryFields
        templates={templates}
        template={template}
        onTemplate={setTemplateId}
        form={form}
        onForm={setForm}
        customerFixed={customerNo !== undefined}
        fields={fieldErrors(error)}
      />
      {template.questions.map((q, i) => (
        <AnswerInput
          key={`${template.id}-${i}`}
          question={q}
          index={i}
          value={shown[i]}
          onChange={(v) => setAnswers(shown.map((a, k) => (k === i ? v : a)))}
        />
      ))}
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {done ? (
        <Alert severity="success" data-testid="entry-done">
          {done}
        </Alert>
      ) : null}
      <Stack direction="row">
        <Button variant="contained" onClick={() => void save()} data-testid="entry-save">
          {t('surveys.save')}
        </Button>
      </Stack>
    </Stack>
  );
}

type TemplateDraft = { familyId?: number; name: string; questions: Question[] };

/** The templates: latest version, questions and respondents, each to edit. */
function TemplatesTable({ templates, onEdit }: { templates: SurveyTemplate[]; onEdit(draft: TemplateDraft): void }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('surveys.template')}</TableCell>
            <TableCell sx={num}>{t('surveys.version')}</TableCell>
            <TableCell sx={num}>{t('surveys.questions')}</TableCell>
            <TableCell sx={num}>{t('surveys.respondents')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {templates.map((x) => (
            <TableRow key={x.id}>
              <TableCell>{x.name}</TableCell>
              <TableCell sx={num}>v{x.version}</TableCell>
              <TableCell sx={num}>{x.questions.length}</TableCell>
              <TableCell sx={num}>{x.responses}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  onClick={() => onEdit({ familyId: x.familyId, name: x.name, questions: x.questions })}
                >
                  {t('surveys.edit')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** One question in the editor: its kind, text, options (single or multiple choice) and removal. */
function QuestionRow({
  q,
  i,
  onChange,
  onRemove,
}: {
  q: Question;
  i: number;
  onChange(q: Question): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <TextField
        select
        size="small"
        value={q.kind}
        onChange={(e) =>
          onChange({
            kind: e.target.value as QuestionKind,
            text: q.text,
            ...(e.target.value === 'single' || e.target.value === 'multiple' ? { options: q.options ?? ['', ''] } : {}),
          })
        }
        sx={{ width: 130 }}
        aria-label={t('surveys.kind')}
      >
        {QUESTION_KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {t(`surveys.kinds.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label={`${t('surveys.question')} ${i + 1}`}
        value={q.text}
        onChange={(e) => onChange({ ...q, text: e.target.value })}
        sx={{ flexGrow: 1 }}
        slotProps={{ htmlInput: { 'data-testid': `template-question-${i}` } }}
      />
      {(q.kind === 'single' || q.kind === 'multiple') && (
        <TextField
          size="small"
          label={t('surveys.options')}
          value={(q.options ?? []).join('、')}
          onChange={(e) => onChange({ ...q, options: e.target.value.split(/[、,，]/) })}
          sx={{ width: 220 }}
        />
      )}
      <IconButton aria-label={t('surveys.remove')} onClick={onRemove}>
        <DeleteOutlineIcon />
      </IconButton>
    </Stack>
  );
}

/** The template being edited: its name and questions (a template with answers gets a new version). */
function TemplateEditor({
  editing,
  onChange,
  error,
}: {
  editing: TemplateDraft;
  onChange(draft: TemplateDraft): void;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack spacing={1.5} sx={{ pt: 1 }}>
      <TextField
        size="small"
        label={t('surveys.name')}
        value={editing.name}
        onChange={(e) => onChange({ ...editing, name: e.target.value })}
        slotProps={{ htmlInput: { 'data-testid': 'template-name' } }}
      />
      {editing.questions.map((q, i) => (
        <QuestionRow
          key={i}
          q={q}
          i={i}
          onChange={(edited) =>
            onChange({ ...editing, questions: editing.questions.map((x, k) => (k === i ? edited : x)) })
          }
          onRemove={() => onChange({ ...editing, questions: editing.questions.filter((_x, k) => k !== i) })}
        />
      ))}
      <Stack direction="row">
        <Button
          size="small"
          onClick={() => onChange({ ...editing, questions: [...editing.questions, { kind: 'score', text: '' }] })}
          data-testid="template-add"
        >
          {t('surveys.addQuestion')}
        </Button>
      </Stack>
      {editing.familyId !== undefined && <Typography variant="caption">{t('surveys.versionHint')}</Typography>}
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
    </Stack>
  );
}

/** 问卷模板: the templates, and an editor (a template with answers becomes a new version when saved). */
function TemplatesPanel({ templates, onSaved }: { templates: SurveyTemplate[]; onSaved(): void }) {
  const { t } = useTranslation();
  const { error, attempt, setError } = useAttempt();
  const [editing, setEditing] = useState<TemplateDraft | null>(null);
  const save = () =>
    attempt(async () => {
      if (!editing) return;
      await invoke('surveys.templates.save', { ...editing });
      setEditing(null);
      onSaved();
    });
  return (
    <Stack spacing={1.5}>
      <Stack direction="row">
        <Button
          variant="outlined"
          size="small"
          onClick={() => {
            setError(null);
            setEditing({ name: '', questions: [{ kind: 'score', text: '' }] });
          }}
          data-testid="template-new"
        >
          {t('surveys.newTemplate')}
        </Button>
      </Stack>
      <TemplatesTable templates={templates} onEdit={setEditing} />
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        fullWidth
        maxWidth="md"
        aria-labelledby="template-title"
      >
        <DialogTitle id="template-title">{t('surveys.editTemplate')}</DialogTitle>
        <DialogContent>
          {editing && <TemplateEditor editing={editing} onChange={setEditing} error={error} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setEditing(null)}>{t('surveys.cancel')}</Button>
          <Button variant="contained" onClick={() => void save()} data-testid="template-save">
            {t('surveys.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/** 录入满意度 from the customer card: the entry form for this customer in a dialog. */
export function SurveyEntryDialog({
  customer,
  onClose,
  onSaved,
}: {
  customer: { customerNo: string; name: string } | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const templates = useInvoke('surveys.templates', customer ? {} : null);
  return (
    <Dialog open={customer !== null} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="survey-entry-title">
      <DialogTitle id="survey-entry-title">
        {customer ? t('surveys.entryFor', { name: customer.name, no: customer.customerNo }) : ''}
      </DialogTitle>
      <DialogContent>
        {customer && templates.data && (
          <EntryPanel templates={templates.data.templates} customerNo={customer.customerNo} onSaved={onSaved} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('surveys.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** 调查对象: a saved segment as the audience, how many it holds this month, and its call list (the list export). */
function AudiencePanel({ month }: { month: string | null }) {
  const { t } = useTranslation();
  const saved = useInvoke('segments.saved', {});
  const [segmentId, setSegmentId] = useState('');
  const segment = saved.data?.segments.find((x) => String(x.id) === segmentId) ?? null;
  const count = useInvoke('customers.count', segment && month ? { month, filter: segment.filter } : null);
  if (saved.data && saved.data.segments.length === 0) return <Alert severity="info">{t('surveys.noSegments')}</Alert>;
  return (
    <Stack spacing={1.5} data-testid="survey-audience">
      <Typography variant="body2" color="text.secondary">
        {t('surveys.audienceHint')}
      </Typography>
      <Stack direction="row" spacing={2} alignItems="center">
        <SelectField
          label={t('surveys.segment')}
          value={segmentId}
          options={(saved.data?.segments ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
          onChange={setSegmentId}
          width={220}
          testId="audience-segment"
        />
        {count.data && (
          <Typography variant="body2">{t('surveys.audienceCount', { count: count.data.total, month })}</Typography>
        )}
        <ExportButton
          subject={
            segment && month
              ? { template: 'list', month, filter: segment.filter, sort: { field: 'manager', direction: 'asc' } }
              : null
          }
          label={t('surveys.callList')}
        />
      </Stack>
    </Stack>
  );
}

/** 满意度调查: results, answer entry, the audience and its call list, and the templates. */
export function SurveysPage({ month }: { month: string | null }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [tab, setTab] = useState<'results' | 'entry' | 'audience' | 'templates'>('results');
  const [version, setVersion] = useState(0);
  const templates = useInvoke('surveys.templates', {}, version);
  const list = templates.data?.templates ?? [];
  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Typography variant="h6" component="h1">
        {t('surveys.title')}
      </Typography>
      <Tabs value={tab} onChange={(_e, value: 'results' | 'entry' | 'audience' | 'templates') => setTab(value)}>
        <Tab value="results" label={t('surveys.results')} data-testid="surveys-tab-results" />
        {can('surveys.respond') && <Tab value="entry" label={t('surveys.entry')} data-testid="surveys-tab-entry" />}
        <Tab value="audience" label={t('surveys.audience')} data-testid="surveys-tab-audience" />
        {can('surveys.templates.save') && (
          <Tab value="templates" label={t('surveys.templates')} data-testid="surveys-tab-templates" />
        )}
      </Tabs>
      {templates.error ? <Alert severity="error">{errorText(templates.error, i18n.language)}</Alert> : null}
      {tab === 'results' && <ResultsPanel templates={list} />}
      {tab === 'entry' && templates.data && <EntryPanel templates={list} />}
      {tab === 'audience' && <AudiencePanel month={month} />}
      {tab === 'templates' && <TemplatesPanel templates={list} onSaved={() => setVersion((v) => v + 1)} />}
    </Stack>
  );
}
