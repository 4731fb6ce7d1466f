import type { Assignment } from '../assignments';
import type { RecordData } from '../records';

/** A household in the worker's register: assigned by the office (pulled), or added on the device. */
export interface Household {
  id: string;
  communityId: string;
  building: string;
  unit: string;
  room: string;
  notes?: string | undefined;
  source: 'assigned' | 'added';
}

export function assignedHousehold(assignment: Assignment): Household {
  const { id, communityId, building, unit, room, notes } = assignment;
  return { id, communityId, building, unit, room, notes, source: 'assigned' };
}

export function addedHousehold(id: string, data: RecordData<'household'>): Household {
  const { communityId, building, unit, room, notes } = data;
  return { id, communityId, building, unit, room, notes, source: 'added' };
}

const byNumber = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/** Building, then unit, then room, numbers in numeric order (2栋 before 10栋). */
export function compareAddresses(a: Household, b: Household): number {
  return byNumber(a.building, b.building) || byNumber(a.unit, b.unit) || byNumber(a.room, b.room);
}
