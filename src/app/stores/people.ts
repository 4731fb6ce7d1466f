import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Organisation } from '../../shared/organisation-editing';
import type { NewUserRequest, UserAccount, UserProfile } from '../../shared/users';
import { fetchOrganisation } from '../api/organisation';
import { createUser, fetchUsers, resetUserPassword, setUserDisabled, updateUser } from '../api/people';
import { useSessionStore } from './session';

/** The administrator's list of accounts and the organisation their scopes name. */
export const usePeopleStore = defineStore('people', () => {
  const users = ref<UserAccount[]>([]);
  const organisation = ref<Organisation>({ subdistricts: [], communities: [], departments: [] });
  const loaded = ref(false);

  const token = (): string => useSessionStore().signedInToken();

  /** Puts the server's answer in place of the old row (or adds it), so the list shows what is stored. */
  function keep(account: UserAccount): UserAccount {
    const index = users.value.findIndex((user) => user.id === account.id);
    if (index === -1) users.value.push(account);
    else users.value.splice(index, 1, account);
    return account;
  }

  async function load(): Promise<void> {
    const [accounts, units] = await Promise.all([fetchUsers(token()), fetchOrganisation(token())]);
    users.value = accounts;
    organisation.value = units;
    loaded.value = true;
  }

  return {
    users,
    organisation,
    loaded,
    load,
    create: async (user: NewUserRequest) => keep(await createUser(user, token())),
    update: async (userId: string, profile: UserProfile) => keep(await updateUser(userId, profile, token())),
    setDisabled: async (userId: string, disabled: boolean) => keep(await setUserDisabled(userId, disabled, token())),
    resetPassword: async (userId: string, password: string) => keep(await resetUserPassword(userId, password, token())),
  };
});
