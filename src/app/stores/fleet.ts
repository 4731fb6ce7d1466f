import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Fleet } from '../../shared/devices';
import type { Organisation } from '../../shared/organisation-editing';
import { fetchFleet } from '../api/devices';
import { ApiError } from '../api/http';
import { fetchOrganisation } from '../api/organisation';
import { useSessionStore } from './session';

/** The supervisor's view of the devices in the field and the communities they work in. */
export const useFleetStore = defineStore('fleet', () => {
  const fleet = ref<Fleet | null>(null);
  const organisation = ref<Organisation>({ subdistricts: [], communities: [], departments: [] });

  async function load(): Promise<void> {
    const token = useSessionStore().token;
    if (!token) throw new ApiError(401, 'unauthenticated', 'not signed in');
    const [devices, units] = await Promise.all([fetchFleet(token), fetchOrganisation(token)]);
    fleet.value = devices;
    organisation.value = units;
  }

  return { fleet, organisation, load };
});
