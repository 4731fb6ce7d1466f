import framework from '../reference/evaluation-framework.json';

/** A case's category is one of the framework's hot issues (居民最关心的问题), "other" included. */
export const caseCategories = framework.hotIssues.map((issue) => issue.id);

/** Default days from assignment to due date, by category (editable per case). */
const defaultDueDays: Readonly<Record<string, number>> = {
  environment_cleanup: 15,
  old_estate_renovation: 90,
  property_management: 30,
  illegal_structures: 60,
  ev_charging: 60,
  noise_fumes: 15,
  prepaid_cards: 30,
};
const otherDueDays = 30;

export function dueDaysFor(category: string): number {
  return defaultDueDays[category] ?? otherDueDays;
}

/** The default due date of a case assigned on `assignedOn` (ISO date). */
export function defaultDueOn(category: string, assignedOn: string): string {
  const due = new Date(`${assignedOn}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + dueDaysFor(category));
  return due.toISOString().slice(0, 10);
}

/** Satisfaction indicators whose dissatisfaction falls under a hot issue; the rest wait for the supervisor. */
const categoryOfIndicator: Readonly<Record<string, string>> = {
  ug_environment: 'environment_cleanup',
  ug_old_estates: 'old_estate_renovation',
  ug_property_mgmt: 'property_management',
  ug_illegal_structures: 'illegal_structures',
  ug_parking_charging: 'ev_charging',
  ug_noise_fumes: 'noise_fumes',
};

export function categoryForIndicator(indicatorId: string): string | null {
  return categoryOfIndicator[indicatorId] ?? null;
}

/** The district's calendar day at `at` (China Standard Time, UTC+8, no daylight saving): due dates are days there. */
export function districtDate(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
