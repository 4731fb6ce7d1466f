import { organisationListSchema, type OrganisationList } from '../../shared/organisation';
import { requestJson } from './http';
import { apiPaths } from './paths';

export function fetchOrganisation(token: string): Promise<OrganisationList> {
  return requestJson(apiPaths.organisation, { token, schema: organisationListSchema });
}
