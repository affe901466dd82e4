import { Link, Typography } from '@mui/material';

/** A customer's name (opens the card) and number, as lists show them. */
export function CustomerLink({
  customerNo,
  name,
  onOpen,
}: {
  customerNo: string;
  name: string;
  onOpen(customerNo: string): void;
}) {
  return (
    <>
      <Link component="button" underline="hover" onClick={() => onOpen(customerNo)}>
        {name}
      </Link>{' '}
      <Typography component="span" variant="caption" color="text.secondary">
        {customerNo}
      </Typography>
    </>
  );
}
