import { Link } from '@mui/material';
import type { ReactNode } from 'react';

/** A branch figure's count that opens its customers in the list — plain text where that list would show fewer. */
export function CountLink({ href, testId, children }: { href: string | null; testId?: string; children: ReactNode }) {
  if (href === null) return <span data-testid={testId}>{children}</span>;
  return (
    <Link href={href} underline="hover" data-testid={testId}>
      {children}
    </Link>
  );
}
