// Contract types: functions/LoftsDesArts.Http/Notices/NoticeRoutes.cs, from the generated OpenAPI schema.
import type { components } from '@/lib/api-schema';

/** An email of the building that could not be sent. `id` is `{eventId}:{recipient}:{kind}` (it contains colons). */
export type FailedNotice = components['schemas']['FailedNoticeResponse'];

export type RetryOutcome = 'sent' | 'deferred' | 'failed';

/** The answer to a retry; the server writes only the three outcomes above. */
export type NoticeRetry = Omit<components['schemas']['NoticeRetryResponse'], 'outcome'> & { outcome: RetryOutcome };
