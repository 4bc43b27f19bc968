import { formErrors } from '../http/form';
import type { FieldErrors } from '../http/errors';
import { ROLES } from './users.schema';
import type { UserRow } from './users.service';

const minute = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const roleLabel = (role: string) => (role === 'admin' ? 'Admin' : 'Editor');

export type UsersPageExtras = {
  values?: { email: string; name: string; role: string };
  errors?: FieldErrors;
  /** Why a change was refused (the last admin), shown above the list. */
  problem?: string;
  notice?: string;
};

/** The admin's accounts page: every account with its actions, and the form for a new one. */
export function usersView(users: UserRow[], selfId: number, extras: UsersPageExtras = {}) {
  const values = extras.values ?? { email: '', name: '', role: 'editor' };
  return {
    title: 'Accounts',
    problem: extras.problem,
    notice: extras.notice,
    values,
    ...formErrors(extras.errors),
    roles: ROLES.map((r) => ({ value: r, label: roleLabel(r), selected: r === values.role })),
    users: users.map((u) => ({
      ...u,
      self: u.id === selfId,
      roleLabel: roleLabel(u.role),
      otherRole: u.role === 'admin' ? 'editor' : 'admin',
      otherRoleLabel: u.role === 'admin' ? 'Make editor' : 'Make admin',
      createdIso: u.createdAt.toISOString(),
      createdLabel: minute(u.createdAt),
    })),
  };
}
