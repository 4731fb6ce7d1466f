import { deviceStep, planStep } from '../../shared/cases/plan';
import type { RecordData } from '../../shared/records';
import { createCasesRepository } from '../repositories/cases';
import type { Derivation, StoredRecord } from './batch';

/** The case step a stored revisit or officer's report asks for, as `deviceStep` reads it. */
function deviceRecordOf({ row, current }: StoredRecord) {
  const made = { id: row.id, authorId: row.author_id };
  if (row.kind === 'revisit') return { ...made, kind: 'revisit' as const, data: current as RecordData<'revisit'> };
  if (row.kind === 'case_report') return { ...made, kind: 'case_report' as const, data: current as RecordData<'case_report'> };
  return undefined;
}

/**
 * Residents' answers at the door close or reopen their case, and officers' reports made on the
 * device take their step, with the records that carry them: revisits first, then reports, each in
 * id order. Each step is planned by the shared `planStep`; one the case no longer allows is kept as
 * a record and changes nothing.
 */
export const deriveCaseSteps: Derivation = async ({ trx, now, stored }) => {
  const byId = [...stored].sort((a, b) => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  const cases = createCasesRepository(trx, now);
  for (const kind of ['revisit', 'case_report'] as const) {
    for (const made of byId) {
      const device = made.row.kind === kind ? deviceRecordOf(made) : undefined;
      if (!device) continue;
      const current = await cases.find(device.data.caseId);
      const asked = current && deviceStep(current, device);
      if (!current || !asked) continue;
      const plan = planStep(current, asked.actor, asked.step, { at: now(), departments: [] });
      if (plan.ok) await cases.apply(asked.actor, current, plan);
    }
  }
};
