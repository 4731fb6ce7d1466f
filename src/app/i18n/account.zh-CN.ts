/** The user's own password change, under `account.`. */
export const accountZhCN = {
  changeTitle: '修改密码',
  mustChange: '管理员为您设置了临时密码。请先设置自己的新密码，然后才能继续使用。',
  currentPassword: '当前密码（临时密码）',
  newPassword: '新密码',
  newPasswordHint: '至少 8 个字符，不能与当前密码相同。',
  repeatPassword: '再次输入新密码',
  mismatch: '两次输入的新密码不一致。',
  tooShort: '新密码至少需要 8 个字符。',
  submit: '保存新密码',
  submitting: '正在保存…',
  signOut: '退出登录',
  errors: {
    invalid_credentials: '当前密码不对，或新密码与当前密码相同。',
  },
};
