/** The accounts global setup creates: a 支行长 every test starts as, and one of each other role. 3201006 is a demo manager. */
export const E2E_ACCOUNTS = {
  admin: { code: 'E2EADMIN', name: 'e2e 管理员', role: 'admin', secret: 'admin-secret' },
  head: { code: 'E2EHEAD', name: 'e2e 支行长', role: 'branch_manager', secret: 'head-secret' },
  teller: { code: 'E2ETELLER', name: 'e2e 柜员', role: 'teller', secret: 'teller-secret' },
  manager: { code: '3201006', name: '', role: 'manager', secret: 'manager-secret' },
} as const;
