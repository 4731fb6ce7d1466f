import { referenceFramework } from '../../../shared/organisation';

/**
 * Names of the evaluation framework's ids (sub-districts, dimensions, indicators, hot issues,
 * audiences, channels, levels) in the page's language; an id the framework does not know is shown as is.
 */
type Named = { id: string; zh: string; en: string };

const namesById = new Map<string, Named>(
  [
    ...referenceFramework.subdistricts,
    ...referenceFramework.dimensions,
    ...referenceFramework.dimensions.flatMap((dimension) => dimension.indicators),
    ...referenceFramework.hotIssues,
    ...referenceFramework.audiences,
    ...referenceFramework.levels.map((level) => ({ ...level, id: `level:${level.id}` })),
    ...referenceFramework.channels.map((channel) => ({ ...channel, id: `channel:${channel.id}` })),
  ].map((entry) => [entry.id, entry]),
);

export function frameworkName(id: string, locale: string): string {
  const entry = namesById.get(id);
  if (!entry) return id;
  return locale === 'en' ? entry.en : entry.zh;
}
