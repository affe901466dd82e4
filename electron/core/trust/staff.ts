/** What other domains read of the staff: names to label 工号 in reports and boards, and a member's active role. */
export { activeStaffRole, listStaff, staffNames } from './staff-repository';
