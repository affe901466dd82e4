import { Box, Paper, Stack, Typography } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';

interface CenteredPanelProps {
  icon: ReactNode;
  title: string;
  width: number;
  testId: string;
  /** The panel is a form sent with this (the sign-in). */
  onSubmit?: (event: FormEvent) => void;
  children: ReactNode;
}

/** A panel alone in the middle of the window, before anyone works in the app (sign-in, recovery): an icon and a title over its content. */
export function CenteredPanel({ icon, title, width, testId, onSubmit, children }: CenteredPanelProps) {
  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: 'background.default',
        p: 2,
      }}
    >
      <Paper
        component={onSubmit ? 'form' : 'div'}
        onSubmit={onSubmit}
        elevation={2}
        sx={{ p: 4, width, maxWidth: '100%' }}
        data-testid={testId}
      >
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} alignItems="center">
            {icon}
            <Typography variant="h6" component="h1">
              {title}
            </Typography>
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Box>
  );
}
