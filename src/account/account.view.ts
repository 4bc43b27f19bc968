import type { ApiTokenRow } from '../auth/api-tokens.service';
import type { CurrentUser } from '../auth/guards';
import { formErrors } from '../http/form';
import type { FieldErrors } from '../http/errors';

const minute = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export type AccountPageExtras = {
  /** The token just made: shown on this one answer, never again. */
  newToken?: { name: string; token: string };
  passwordErrors?: FieldErrors;
  tokenErrors?: FieldErrors;
  tokenName?: string;
  notice?: string;
};

/** The account page: who you are, the password form and your API tokens. */
export function accountView(user: CurrentUser, tokens: ApiTokenRow[], extras: AccountPageExtras = {}) {
  const password = formErrors(extras.passwordErrors);
  const token = formErrors(extras.tokenErrors);
  return {
    title: 'Your account',
    account: { ...user, roleLabel: user.role === 'admin' ? 'Admin' : 'Editor' },
    notice: extras.notice,
    newToken: extras.newToken,
    passwordErrors: password.errors,
    passwordErrorList: password.errorList,
    tokenErrors: token.errors,
    tokenName: extras.tokenName ?? '',
    tokens: tokens.map((t) => ({
      ...t,
      createdIso: t.createdAt.toISOString(),
      createdLabel: minute(t.createdAt),
      lastUsedIso: t.lastUsedAt?.toISOString(),
      lastUsedLabel: t.lastUsedAt ? minute(t.lastUsedAt) : undefined,
    })),
  };
}
