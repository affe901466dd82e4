import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatAmount,
  formatMoney,
  formatThreshold,
  formatThresholdAmount,
  isMoneyUnit,
  moneyUnitName,
  withUnit,
  type MoneyUnit,
} from '../../../shared/format';

/** Until a user chooses: 万元, the unit of the wide tables (docs/domain.md, "Money on screen"). */
export const DEFAULT_MONEY_UNIT: MoneyUnit = 'wan';

/** Kept per staff member on this desk, as the language and the column choice are kept. */
const storageKey = (staffCode: string) => `tierdesk.moneyUnit.${staffCode}`;

function savedMoneyUnit(staffCode: string): MoneyUnit {
  const saved = localStorage.getItem(storageKey(staffCode));
  return isMoneyUnit(saved) ? saved : DEFAULT_MONEY_UNIT;
}

/**
 * The one place a screen gets its money text from: every amount in the user's unit, which a column names in its
 * header (`header`) and shows bare (`amount`), and text outside a column carries (`text`).
 */
export interface Money {
  unit: MoneyUnit;
  setUnit(unit: MoneyUnit): void;
  /** The unit's name: 万元 / CNY 10k. */
  unitName: string;
  /** A column header with the unit: `月日均（万元）`. */
  header(label: string): string;
  /** A figure in a column of this unit: `1,234.56`. */
  amount(fen: number | null): string;
  /** A figure in text: `1,234.56万`, `1,234.56 CNY 10k`. */
  text(fen: number | null): string;
  /** A threshold in a column of this unit, round: `600`. */
  threshold(fen: number): string;
  /** A threshold in text, round: `600万`. */
  thresholdText(fen: number): string;
}

const MoneyContext = createContext<{ unit: MoneyUnit; setUnit(unit: MoneyUnit): void } | null>(null);

/** Holds the signed-in staff member's unit; the screens below read it with `useMoney`. */
export function MoneyUnitProvider({ staffCode, children }: { staffCode: string; children: ReactNode }) {
  const [unit, setUnitState] = useState(() => savedMoneyUnit(staffCode));
  const value = useMemo(
    () => ({
      unit,
      setUnit: (next: MoneyUnit) => {
        localStorage.setItem(storageKey(staffCode), next);
        setUnitState(next);
      },
    }),
    [unit, staffCode],
  );
  return <MoneyContext.Provider value={value}>{children}</MoneyContext.Provider>;
}

/** Money text in the user's unit and the UI's language. */
export function useMoney(): Money {
  const { i18n } = useTranslation();
  const held = useContext(MoneyContext);
  const language = i18n.language;
  const unit = held?.unit ?? DEFAULT_MONEY_UNIT;
  const setUnit = held?.setUnit;
  return useMemo(
    () => ({
      unit,
      setUnit: (next: MoneyUnit) => setUnit?.(next),
      unitName: moneyUnitName(unit, language),
      header: (label: string) => withUnit(label, unit, language),
      amount: (fen: number | null) => formatAmount(fen, unit),
      text: (fen: number | null) => formatMoney(fen, unit, language),
      threshold: (fen: number) => formatThresholdAmount(fen, unit),
      thresholdText: (fen: number) => formatThreshold(fen, unit, language),
    }),
    [unit, setUnit, language],
  );
}
