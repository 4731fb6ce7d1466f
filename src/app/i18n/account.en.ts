import type { accountZhCN } from './account.zh-CN';

export const accountEn: typeof accountZhCN = {
  changeTitle: 'Change password',
  mustChange: 'The administrator set a temporary password for you. Set your own new password before you continue.',
  currentPassword: 'Current (temporary) password',
  newPassword: 'New password',
  newPasswordHint: 'At least 8 characters, not the same as the current one.',
  repeatPassword: 'New password again',
  mismatch: 'The two new passwords differ.',
  tooShort: 'The new password needs at least 8 characters.',
  submit: 'Save the new password',
  submitting: 'Saving…',
  signOut: 'Sign out',
  errors: {
    invalid_credentials: 'The current password is wrong, or the new one is the same as it.',
  },
};
