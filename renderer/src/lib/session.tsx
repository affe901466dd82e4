import { createContext, useContext } from 'react';
import { allows } from '../../../shared/access';
import type { Channel } from '../../../shared/contract';
import type { SignedIn } from '../../../shared/schemas/auth';

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

/** Fired when main answers UNAUTHENTICATED (never signed in, or locked after idling): back to the sign-in screen. */
export const SIGNED_OUT_EVENT = 'tierdesk:signed-out';
/** Fired when main answers DB_CORRUPT: the app asks whether the database is now known damaged. */
export const DATABASE_DOUBTED_EVENT = 'tierdesk:database-doubted';
