import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, shallowRef } from 'vue';
import { emptySessionContent, type SessionDraftContent } from '../../shared/deliberation/content';
import { missingSessionFields, signedContent } from '../../shared/deliberation/form';
import { localDay, sessionFormId, sessionRecord, sessionSignatureRecord, type SessionSigner } from '../../shared/deliberation/session';
import { sha256Hex } from '../../shared/hashing';
import { recordBlobHashes, validateRecord, type FinalisedRecord } from '../../shared/records';
import { createDraftSession } from '../composables/draft-session';
import type { StoredDraft } from '../db/database';
import { deviceId } from '../db/device';
import { putDraft } from '../db/drafts';
import { getBlob, keepDraftBlob, type NewBlob } from '../db/records';
import { useSessionStore } from './session';

/** Where a session draft stands: being written, or frozen while the attendees sign it. */
export interface SessionDraftContext {
  communityId: string;
  stage: 'edit' | 'sign';
  /** The record being signed (its hash is what each signature binds); set while signing. */
  frozen?: FinalisedRecord | undefined;
  signers: SessionSigner[];
}

function contextOf(value: Record<string, unknown>): SessionDraftContext | undefined {
  return typeof value.communityId === 'string' && (value.stage === 'edit' || value.stage === 'sign') && Array.isArray(value.signers) ? (value as unknown as SessionDraftContext) : undefined;
}

/** A session's content as a form edits it; an older draft's missing lists are filled in. */
function contentOf(answers: Record<string, unknown>): SessionDraftContent {
  return { ...emptySessionContent(String(answers.heldOn ?? '')), ...(answers as Partial<SessionDraftContent>) };
}

export class IncompleteSessionError extends Error {
  readonly code = 'incomplete_response' as const;
  constructor(readonly missing: readonly string[]) {
    super(`missing: ${missing.join(', ')}`);
    this.name = 'IncompleteSessionError';
  }
}

/**
 * The session being recorded: its draft saved by itself as it changes (the same autosave as the
 * questionnaire), frozen for signing, and finalised with every signature, signature image and photo
 * in one write.
 */
export const useDeliberationSessionStore = defineStore('deliberation-session', () => {
  const content = shallowRef<SessionDraftContent | undefined>(undefined);
  const context = shallowRef<SessionDraftContext | undefined>(undefined);

  const session = createDraftSession({
    measureName: 'deliberation:draft',
    watched: [content, context],
    read: (stored) => contextOf(stored.context),
    load: (opened) => {
      context.value = opened?.state;
      content.value = opened ? contentOf(opened.stored.answers) : undefined;
    },
    snapshot: (draft, now) => (content.value && context.value ? { ...draft, answers: content.value, context: { ...context.value }, updatedAt: now.toISOString() } : undefined),
  });
  const { draft, saveState, saveError, open, close, flush } = session;
  const missing = computed(() => (content.value ? missingSessionFields(content.value) : []));
  const hostSigned = computed(() => context.value?.signers.some((signer) => signer.signerRole === 'host') ?? false);

  /** Starts a session in one of the adviser's communities, held today; returns the draft id. */
  async function start(communityId: string, now: Date = new Date()): Promise<string> {
    const at = now.toISOString();
    const heldOn = localDay(now);
    const stored: StoredDraft = {
      id: uuidv7(),
      shape: 1,
      kind: 'deliberation',
      formId: sessionFormId,
      formVersion: 2,
      answers: emptySessionContent(heldOn),
      position: 0,
      context: { communityId, stage: 'edit', signers: [] } satisfies SessionDraftContext,
      createdAt: at,
      updatedAt: at,
    };
    await putDraft(stored);
    return stored.id;
  }

  function edit(next: SessionDraftContent): void {
    if (context.value?.stage === 'edit') content.value = next;
  }

  async function author(): Promise<{ authorId: string; deviceId: string }> {
    const user = useSessionStore().user;
    if (!user) throw new Error('not signed in');
    return { authorId: user.id, deviceId: await deviceId() };
  }

  /**
   * Freezes the session as it will be kept, for the attendees to sign: from here its hash is fixed.
   * Throws IncompleteSessionError when a required field is empty or the record would be invalid.
   */
  async function beginSigning(now: Date = new Date()): Promise<void> {
    const current = draft.value;
    if (!current || !content.value || !context.value) throw new Error('no session open');
    if (missing.value.length > 0) throw new IncompleteSessionError(missing.value);
    const by = { ...(await author()), createdAt: current.createdAt, finalisedAt: now.toISOString() };
    const frozen = sessionRecord(current.id, signedContent(content.value), { communityId: context.value.communityId, hostAdviserId: by.authorId }, by);
    const invalid = validateRecord(frozen);
    if (invalid) throw new IncompleteSessionError([invalid]);
    context.value = { ...context.value, stage: 'sign', frozen, signers: [] };
    await flush();
  }

  /** Back to writing: the signatures so far were for other content, so they are dropped. */
  async function backToEditing(): Promise<void> {
    if (!context.value) return;
    context.value = { communityId: context.value.communityId, stage: 'edit', signers: [] };
    await flush();
  }

  /** Keeps one signature (its image as a draft blob by hash) on the frozen session. */
  async function sign(image: Blob, signer: { role: 'attendee' | 'host'; name?: string | undefined }, now: Date = new Date()): Promise<void> {
    if (!context.value?.frozen) throw new Error('the session is not being signed');
    const hash = sha256Hex(new Uint8Array(await image.arrayBuffer()));
    await keepDraftBlob({ hash, blob: image });
    const next: SessionSigner = { signatureId: uuidv7(), signerRole: signer.role, signerName: signer.name?.trim() || undefined, blobHash: hash, signedAt: now.toISOString() };
    // Replacing the host's signature, never adding a second.
    const kept = signer.role === 'host' ? context.value.signers.filter((s) => s.signerRole !== 'host') : context.value.signers;
    context.value = { ...context.value, signers: [...kept, next] };
    await flush();
  }

  function removeSigner(signatureId: string): void {
    if (context.value) context.value = { ...context.value, signers: context.value.signers.filter((s) => s.signatureId !== signatureId) };
  }

  async function blobsOf(hashes: readonly string[]): Promise<NewBlob[]> {
    return Promise.all(
      [...new Set(hashes)].map(async (hash) => {
        const stored = await getBlob(hash);
        if (!stored) throw new Error(`image ${hash} is not on this device`);
        return { hash, blob: stored.blob };
      }),
    );
  }

  /** Finalises the frozen session with the host's and attendees' signatures, their images and the photos, in one write. */
  async function finalise(): Promise<string> {
    await flush();
    const frozen = context.value?.frozen;
    if (!draft.value || !frozen || !context.value) throw new Error('the session is not being signed');
    if (!hostSigned.value) throw new Error("the host's signature is missing");
    const by = await author();
    const signatures = context.value.signers.map((signer) => sessionSignatureRecord(frozen, signer, by));
    const records = [frozen, ...signatures];
    await session.finish(records, await blobsOf(records.flatMap((record) => recordBlobHashes(record))));
    return frozen.id;
  }

  return { draft, content, context, missing, hostSigned, saveState, saveError, start, open, close, flush, edit, beginSigning, backToEditing, sign, removeSigner, finalise };
});
