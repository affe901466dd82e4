import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, Chip, InputAdornment, MenuItem, TextField } from '@mui/material';
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../lib/money';
import type { Staff } from '../../../../shared/schemas/common';
import type { SegmentFilter } from '../../../../shared/schemas/segments';
import type { TierAt } from '../../lib/tierAt';
import type { FlowGroupFilter } from '../../lib/flowLink';
import type { GroupFilter } from '../../lib/groupLink';
import { groupDimensionLabel, groupValueLabel } from '../groups/groupValueLabel';
import { useInvoke } from '../../lib/useInvoke';
import { TIER_STATUSES } from '../../../../shared/schemas/tiers';

export interface FilterDraft {
  /** Dimensions chosen in the segment grid (shown as chips, cleared with the filters). */
  segment: SegmentFilter;
  /** Tiers in given months, from a migration-matrix cell (shown as one chip). */
  tierAt: TierAt;
  /** One group of a two-period analysis (shown as one chip). */
  migration: FlowGroupFilter | null;
  /** One cell of a group analysis (shown as one chip). */
  group: GroupFilter | null;
  tierCode: string;
  tierStatus: string;
  managerCode: string;
  aumMin: string;
  aumMax: string;
  search: string;
}

export const EMPTY_FILTER: FilterDraft = {
  segment: {},
  tierAt: [],
  migration: null,
  group: null,
  tierCode: '',
  tierStatus: '',
  managerCode: '',
  aumMin: '',
  aumMax: '',
  search: '',
};

interface CustomerFiltersProps {
  draft: FilterDraft;
  onChange(draft: FilterDraft): void;
  managers: Staff[];
  tiers: Array<{ code: string; name: string }>;
  /** i18n keys of what is wrong with each amount, or null. */
  aumMinError: string | null;
  aumMaxError: string | null;
  /** The 月日均 range boxes (not for tellers: they may not select customers by balance). */
  amounts: boolean;
}

/** `/` anywhere but in a text box focuses the input. */
function useSlashFocus(input: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key === '/' && !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}

type FilterPart = { draft: FilterDraft; set(patch: Partial<FilterDraft>): void };

/** The tier (or 未评定), tier status and manager drop-downs. */
function ListSelects({ draft, set, managers, tiers }: FilterPart & Pick<CustomerFiltersProps, 'managers' | 'tiers'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        select
        size="small"
        label={t('tiers.tier')}
        value={draft.tierCode}
        onChange={(e) => set({ tierCode: e.target.value })}
        sx={{ width: 140 }}
        slotProps={{ htmlInput: { 'data-testid': 'tier-filter' } }}
      >
        <MenuItem value="">{t('customers.allTiers')}</MenuItem>
        {tiers.map((tier) => (
          <MenuItem key={tier.code} value={tier.code}>
            {tier.name}
          </MenuItem>
        ))}
        <MenuItem value="missing">{t('status.missing')}</MenuItem>
      </TextField>
      <TextField
        select
        size="small"
        label={t('tiers.status')}
        value={draft.tierStatus}
        onChange={(e) => set({ tierStatus: e.target.value })}
        sx={{ width: 120 }}
        slotProps={{ htmlInput: { 'data-testid': 'status-filter' } }}
      >
        <MenuItem value="">{t('customers.allStatuses')}</MenuItem>
        {TIER_STATUSES.filter((status) => status !== 'absent').map((status) => (
          <MenuItem key={status} value={status}>
            {t(`status.${status}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('customers.manager')}
        value={draft.managerCode}
        onChange={(e) => set({ managerCode: e.target.value })}
        sx={{ width: 160 }}
      >
        <MenuItem value="">{t('customers.allManagers')}</MenuItem>
        {managers.map((m) => (
          <MenuItem key={m.code} value={m.code}>
            {m.name}（{m.code}）
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}

/** What the list was opened from, one chip each: segment-grid dimensions, a matrix cell, a flow group, a group cell. */
function OriginChips({ draft, set, tiers }: FilterPart & Pick<CustomerFiltersProps, 'tiers'>) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const tierName = new Map(tiers.map((tier) => [tier.code, tier.name]));
  const saved = useInvoke('segments.saved', draft.group?.savedSegmentId ? {} : null);
  return (
    <>
      {(Object.entries(draft.segment) as Array<[keyof SegmentFilter, string]>).map(([dimension, value]) => (
        <Chip
          key={dimension}
          sx={{ mt: 0.5 }}
          label={`${t(`segments.dimension.${dimension}`)}：${t(`segments.value.${value}`, { defaultValue: value })}`}
          onDelete={() =>
            set({ segment: Object.fromEntries(Object.entries(draft.segment).filter(([d]) => d !== dimension)) })
          }
        />
      ))}
      {draft.tierAt.length > 0 && (
        <Chip
          sx={{ mt: 0.5 }}
          data-testid="tier-at-chip"
          label={draft.tierAt
            .map(
              (at) =>
                `${at.month} ${at.tierCode === 'missing' ? t('tiers.notAssessed') : (tierName.get(at.tierCode) ?? at.tierCode)}`,
            )
            .join(' → ')}
          onDelete={() => set({ tierAt: [] })}
        />
      )}
      {draft.migration && (
        <Chip
          sx={{ mt: 0.5 }}
          data-testid="migration-chip"
          label={t('customers.flowChip', {
            from: draft.migration.fromMonth,
            to: draft.migration.toMonth,
            segment: draft.migration.tierCode
              ? (tierName.get(draft.migration.tierCode) ?? draft.migration.tierCode)
              : `≥ ${money.thresholdText(draft.migration.thresholdFen ?? 0)}`,
            group: t(`flows.groups.${draft.migration.group}`),
          })}
          onDelete={() => set({ migration: null })}
        />
      )}
      {draft.group && (
        <Chip
          sx={{ mt: 0.5 }}
          data-testid="group-chip"
          label={t('customers.groupChip', {
            month: draft.group.month,
            segment: draft.group.tierCode
              ? (tierName.get(draft.group.tierCode) ?? draft.group.tierCode)
              : draft.group.savedSegmentId
                ? (saved.data?.segments.find((x) => x.id === draft.group?.savedSegmentId)?.name ??
                  `#${draft.group.savedSegmentId}`)
                : `≥ ${money.thresholdText(draft.group.thresholdFen ?? 0)}`,
            dimension: groupDimensionLabel(t, draft.group.dimension, i18n.language),
            value: groupValueLabel(t, draft.group.dimension, draft.group.key),
          })}
          onDelete={() => set({ group: null })}
        />
      )}
    </>
  );
}

/** The filter bar above the list; `/` anywhere focuses the search box. */
export function CustomerFilters({
  draft,
  onChange,
  managers,
  tiers,
  aumMinError,
  aumMaxError,
  amounts,
}: CustomerFiltersProps) {
  const { t } = useTranslation();
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const set = (patch: Partial<FilterDraft>) => onChange({ ...draft, ...patch });
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
      <TextField
        size="small"
        label={t('customers.searchLabel')}
        placeholder={t('customers.searchPlaceholder')}
        value={draft.search}
        onChange={(e) => set({ search: e.target.value })}
        inputRef={searchRef}
        sx={{ width: 250 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
          htmlInput: { 'data-testid': 'customer-search', maxLength: 40 },
        }}
      />
      <ListSelects draft={draft} set={set} managers={managers} tiers={tiers} />
      {amounts && (
        <AmountField
          label={t('customers.aumMin')}
          value={draft.aumMin}
          onChange={(aumMin) => set({ aumMin })}
          error={aumMinError}
          testId="aum-min"
        />
      )}
      {amounts && (
        <AmountField
          label={t('customers.aumMax')}
          value={draft.aumMax}
          onChange={(aumMax) => set({ aumMax })}
          error={aumMaxError}
          testId="aum-max"
        />
      )}
      <OriginChips draft={draft} set={set} tiers={tiers} />
      <Button
        onClick={() => onChange(EMPTY_FILTER)}
        disabled={JSON.stringify(draft) === JSON.stringify(EMPTY_FILTER)}
        sx={{ mt: 0.25 }}
      >
        {t('customers.clearFilters')}
      </Button>
    </Box>
  );
}

interface AmountFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error: string | null;
  testId: string;
}

/** An amount in 万元 typed as text (parsed exactly to 分 by the page), with the reason when it is not a number. */
function AmountField({ label, value, onChange, error, testId }: AmountFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error !== null}
      helperText={error ? t(error) : undefined}
      sx={{ width: 176 }}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': testId } }}
    />
  );
}
