import { useState } from 'react';
import { addMonths, localToday } from '../../../shared/month';
import { SelectField } from './SelectField';

/**
 * A range of months among the last three years, the last twelve to begin with. Returns the range and its two
 * drop-downs (test ids `<testId>-from`, `<testId>-to`).
 */
export function useMonthRange(testId: string, labels: { from: string; to: string }) {
  const thisMonth = localToday().slice(0, 7);
  const [fromMonth, setFromMonth] = useState(addMonths(thisMonth, -11));
  const [toMonth, setToMonth] = useState(thisMonth);
  const months = Array.from({ length: 36 }, (_, i) => addMonths(thisMonth, -i)).map((m) => ({ value: m, label: m }));
  const controls = (
    <>
      <SelectField
        label={labels.from}
        value={fromMonth}
        options={months}
        onChange={setFromMonth}
        width={130}
        testId={`${testId}-from`}
      />
      <SelectField
        label={labels.to}
        value={toMonth}
        options={months}
        onChange={setToMonth}
        width={130}
        testId={`${testId}-to`}
      />
    </>
  );
  return { fromMonth, toMonth, controls };
}
