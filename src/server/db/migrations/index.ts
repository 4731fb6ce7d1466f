import type { Migration } from 'kysely';
import { initial } from './001_initial';
import { sync } from './002_sync';
import { rateLimits } from './003_rate_limits';
import { blobScope } from './004_blob_scope';
import { changeTransactions } from './005_change_transactions';
import { roundsScores } from './006_rounds_scores';
import { negativeList } from './007_negative_list';
import { officeAdmin } from './009_office_admin';
import { questionnaireVersions } from './010_questionnaire_versions';
import { onlineSubmissions } from './011_online_submissions';
import { casePaging } from './012_case_paging';
import { organisationEditing } from './014_organisation_editing';
import { refusedRecords } from './015_refused_records';
import { signInKeys } from './018_sign_in_keys';
import { onlineSignals } from './019_online_signals';
import { blobUploads } from './020_blob_uploads';
import { blobUploaders } from './024_blob_uploaders';
import { designBasedScores } from './025_design_based_scores';

/** Numbered migrations, applied in name order on SQLite and PostgreSQL alike. Never edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
  '002_sync': sync,
  '003_rate_limits': rateLimits,
  '004_blob_scope': blobScope,
  '005_change_transactions': changeTransactions,
  '006_rounds_scores': roundsScores,
  '007_negative_list': negativeList,
  '009_office_admin': officeAdmin,
  '010_questionnaire_versions': questionnaireVersions,
  '011_online_submissions': onlineSubmissions,
  '012_case_paging': casePaging,
  '014_organisation_editing': organisationEditing,
  '015_refused_records': refusedRecords,
  '018_sign_in_keys': signInKeys,
  '019_online_signals': onlineSignals,
  '020_blob_uploads': blobUploads,
  '024_blob_uploaders': blobUploaders,
  '025_design_based_scores': designBasedScores,
};
