import { fleetSchema, type Fleet } from '../../shared/devices';
import { requestJson } from './http';
import { apiPaths } from './paths';

export function fetchFleet(token: string): Promise<Fleet> {
  return requestJson(apiPaths.devices, { token, schema: fleetSchema });
}
