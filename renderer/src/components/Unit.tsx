import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** A unit after a number box (万元, 个月, %), as its end adornment. */
export function Unit({ children }: { children: ReactNode }) {
  return (
    <Box component="span" sx={{ color: 'text.secondary', ml: 1, whiteSpace: 'nowrap' }}>
      {children}
    </Box>
  );
}
