import { createContext, useContext } from 'react';
import { allows, seesBalances } from '../../../shared/access';
import type { Channel } from '../../../shared/contract';
import type { SignedIn } from '../../../shared/schemas/auth';
import { useInvoke } from './useInvoke';

/** Who is signed in on this window; `can` mirrors main's role table to hide what main would refuse. */
export interface SessionValue {
  staff: SignedIn;
  can(channel: Channel, input?: unknown): boolean;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function sessionOf(staff: SignedIn): SessionValue {
  return { staff, can: (channel, input) => allows(staff.role, channel, input) };
}

/** The signed-in staff member (the app renders only once someone is). */
export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in app');
  return session;
}

/**
 * How much of the whole branch the signed-in staff member sees: its customer rows (`rows`: lists open on the branch,
 * not only their own book) and the money of its figures (`money`: and may select customers by balance for them) —
 * a 柜员 sees the rows masked but no money; a 客户经理 neither, unless the access settings give them the branch view.
 * Main withholds and refuses the rest; this only hides what it would refuse, and links no branch count to a list
 * that would show fewer.
 */
export function useBranchView(): { rows: boolean; money: boolean } {
  const { role } = useSession().staff;
  const access = useInvoke('access.settings', role === 'manager' ? {} : null);
  if (role !== 'manager') return { rows: true, money: seesBalances(role) };
  const branchView = access.data?.settings.managerBranchView === true;
  return { rows: branchView, money: branchView };
}
