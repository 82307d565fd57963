// Hand-written from functions/LoftsDesArts.Http/Notices/NoticeRoutes.cs (FailedNoticeResponse and
// NoticeRetryResponse) until the committed OpenAPI document has them.

/** An email of the building that could not be sent. `id` is `{eventId}:{recipient}:{kind}` (it contains colons). */
export interface FailedNotice {
  id: string;
  /** The email's kind in kebab case (`packages-arrived-email`, `verify-email`…). */
  kind: string;
  eventId: string;
  /** Null when the recipient's account no longer exists. */
  recipientName: string | null;
  attempts: number;
  /** A diagnostic code (never the provider's text), e.g. `rejected` or `error:HttpRequestException`. */
  lastError: string | null;
  updatedAt: string;
}

export type RetryOutcome = 'sent' | 'deferred' | 'failed';

export interface NoticeRetry {
  id: string;
  outcome: RetryOutcome;
}
