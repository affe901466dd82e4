import { useState, type ReactNode } from 'react';
import type { Staff } from '../../../../shared/schemas/common';
import type { CustomerCard } from '../../../../shared/schemas/customer';
import type { Action } from '../../../../shared/schemas/retention';
import { SurveyEntryDialog } from '../surveys/SurveysPage';
import { ActionDialog, type ActionTarget } from './ActionDialog';
import { ContactDialog, type ContactTarget } from './ContactDialog';
import { OutcomeDialog } from './OutcomeDialog';

/** What the customer card can open about its customer, wherever on the card the button is. */
export interface RetentionDialogs {
  /** 记录接触, for a retention action or on its own. */
  logContact(action?: Action): void;
  /** 建立保级行动 answering the warning month. */
  createAction(month: string): void;
  setOutcome(action: Action): void;
  enterSurvey(): void;
  /** The dialogs themselves, rendered once. */
  rendered: ReactNode;
}

/** The card's contact, action, outcome and survey dialogs; `onChanged` after any of them saved. */
export function useRetentionDialogs(card: CustomerCard, staff: Staff[], onChanged: () => void): RetentionDialogs {
  const { customer } = card;
  const who = { customerNo: customer.customerNo, name: customer.name };
  const [actionFor, setActionFor] = useState<ActionTarget | null>(null);
  const [contactFor, setContactFor] = useState<ContactTarget | null>(null);
  const [outcomeFor, setOutcomeFor] = useState<Action | null>(null);
  const [surveyFor, setSurveyFor] = useState<{ customerNo: string; name: string } | null>(null);
  const done = (close: () => void) => () => {
    close();
    onChanged();
  };
  return {
    logContact: (action) => setContactFor(action ? { ...who, action } : who),
    createAction: (month) => setActionFor({ ...who, month, managerCode: customer.managerCode }),
    setOutcome: setOutcomeFor,
    enterSurvey: () => setSurveyFor(who),
    rendered: (
      <>
        <SurveyEntryDialog customer={surveyFor} onClose={() => setSurveyFor(null)} onSaved={onChanged} />
        <ActionDialog
          target={actionFor}
          staff={staff}
          onClose={() => setActionFor(null)}
          onCreated={done(() => setActionFor(null))}
        />
        <ContactDialog
          target={contactFor}
          onClose={() => setContactFor(null)}
          onLogged={done(() => setContactFor(null))}
        />
        <OutcomeDialog
          action={outcomeFor}
          onClose={() => setOutcomeFor(null)}
          onSaved={done(() => setOutcomeFor(null))}
        />
      </>
    ),
  };
}
