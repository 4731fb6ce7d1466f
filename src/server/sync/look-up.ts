import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { recordBlobHashes, type DeviceRecordKind } from '../../shared/records';
import type { RecordReferences, RecordsRepository, StoredReferences } from '../repositories/records';
import type { CheckedRecord } from './validate';

/** What the database holds of a batch's references, questionnaires parsed. */
export type PushLookups = Omit<StoredReferences, 'questionnaireTexts'> & {
  /** Published questionnaire definitions by `${id}@${version}` (unparsable ones are left out). */
  questionnaires: Map<string, QuestionnaireDefinition>;
};

export function questionnaireKeyOf(data: Record<string, unknown>): string {
  return `${String(data.questionnaireId)}@${String(data.questionnaireVersion)}`;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The records a record names and must find stored (or earlier in its batch). */
function referencedRecordIds({ record, current }: CheckedRecord): string[] {
  if (record.kind === 'signature') return [String(current.signedRecordId)];
  if (record.kind === 'deliberation_follow_up') return [String(current.sessionId)];
  return [];
}

/** Everything the batch's records refer to, each key once. */
export function pushReferences(records: readonly CheckedRecord[]): RecordReferences {
  const currentOf = (kind: DeviceRecordKind) => records.filter((r) => r.record.kind === kind).map((r) => r.current);
  return {
    ids: unique(records.flatMap((r) => [r.record.id, ...referencedRecordIds(r)])),
    communityIds: unique(records.map((r) => String(r.current.communityId))),
    roundIds: unique([...currentOf('visit'), ...currentOf('response')].map((data) => String(data.roundId))),
    questionnaireKeys: unique(currentOf('response').map(questionnaireKeyOf)),
    blobHashes: unique(records.flatMap((r) => recordBlobHashes({ ...r.record, data: r.data }))),
    caseIds: unique([...currentOf('revisit'), ...currentOf('case_report')].map((data) => String(data.caseId))),
  };
}

/** A stored questionnaire entity as a definition, or undefined if it does not parse. */
function parseQuestionnaire(data: unknown): QuestionnaireDefinition | undefined {
  const parsed = questionnaireDefinitionSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Parsed questionnaire definitions by entity id and stored text: each batch reads the versions it
 * names, but parses (and indexes, see answerProblems) a version only when its text is new. One per
 * pipeline, made when the app is built.
 */
export function createQuestionnaireCache() {
  const parsed = new Map<string, { text: string; definition: QuestionnaireDefinition | undefined }>();
  return (id: string, text: string): QuestionnaireDefinition | undefined => {
    const cached = parsed.get(id);
    if (cached?.text === text) return cached.definition;
    const definition = parseQuestionnaire(JSON.parse(text));
    parsed.set(id, { text, definition });
    return definition;
  };
}
export type QuestionnaireCache = ReturnType<typeof createQuestionnaireCache>;

/** Looks up what the batch's valid records refer to, in one read per table. */
export async function lookUp(records: RecordsRepository, checked: readonly CheckedRecord[], questionnaires: QuestionnaireCache): Promise<PushLookups> {
  const { questionnaireTexts, ...stored } = await records.references(pushReferences(checked));
  return {
    ...stored,
    questionnaires: new Map(
      questionnaireTexts.flatMap((row) => {
        const definition = questionnaires(row.id, row.data);
        return definition ? [[row.id, definition] as const] : [];
      }),
    ),
  };
}
