using System.Text.Json;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Core.Notices;

/// <summary>Who gets a notice, in which language, saying what.</summary>
/// <param name="Key">An opaque, stable key for the recipient (a user id, or a hash of an address not
/// yet tied to an account): it goes into the notice id, so it must never be the address itself.</param>
/// <param name="To">The address to send to.</param>
/// <param name="Language">The recipient's language.</param>
/// <param name="Model">What the email says; its kind names the notice.</param>
public sealed record NoticeRecipient(string Key, EmailAddress To, Language Language, EmailModel Model);

public enum NoticeOutcome
{
    /// <summary>This call sent it and recorded it.</summary>
    Sent,

    /// <summary>Sent earlier (a replayed event, or another dispatcher got there first).</summary>
    AlreadySent,

    /// <summary>Another dispatcher holds the claim and is sending it now.</summary>
    InProgress,

    /// <summary>Waiting for its next attempt (provider asked to retry later, or not due yet).</summary>
    Deferred,

    /// <summary>Rejected, or given up after repeated failures: visible to staff in the failed list.</summary>
    Failed,
}

public sealed record NoticeResult(string NoticeId, NoticeOutcome Outcome);

/// <summary>Settings of <see cref="NoticeDispatcher"/> (configuration section <c>Notices</c>).</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "Notices";

    /// <summary>
    /// How long a claim (state sending) holds before another dispatcher may take the notice over.
    /// Longer than any provider call can take (SMTP and ACS calls time out well within it).
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Claims before a notice that keeps being deferred or failing is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after an unexpected error (doubling per attempt, up to <see cref="MaxRetryDelay"/>).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Sends the emails an event causes, each exactly once by protocol (DESIGN §3.5). For each
/// recipient it creates a <see cref="NoticeDocument"/> (a conflict means it exists: carry on from
/// its state), claims it with an ETag compare-and-swap (pending → sending, with a lease), renders
/// and sends it with an id derived from the notice id (SMTP Message-ID, ACS Operation-Id), then
/// marks it sent. A deferral (<see cref="EmailDeferredException"/>: SMTP 4xx, ACS 429/503) puts it
/// back to pending with <see cref="NoticeDocument.NextAttemptAt"/> = now + the provider's
/// Retry-After, shared by every instance through the store; a rejection or repeated failure marks
/// it failed for staff. Provider errors never escape: one bad address does not hold back the feed.
/// </summary>
/// <remarks>
/// The only window for a duplicate email: the provider accepted the message and this process died
/// (or stalled past its lease) before the mark. The notice then stays in sending until the lease
/// lapses, and <see cref="RetryDueAsync"/> sends it again, with the same Message-ID / Operation-Id.
/// Two dispatchers can never both hold a live claim, so two concurrent dispatchers of one event send
/// each notice once.
/// </remarks>
public sealed partial class NoticeDispatcher
{
    private readonly IDocumentStore _store;
    private readonly IEmailSender _sender;
    private readonly EmailRenderer _renderer;
    private readonly TimeProvider _time;
    private readonly NoticeOptions _options;
    private readonly ILogger<NoticeDispatcher> _logger;

    public NoticeDispatcher(IDocumentStore store, IEmailSender sender, EmailRenderer renderer, TimeProvider time, NoticeOptions options, ILogger<NoticeDispatcher> logger)
    {
        _store = store;
        _sender = sender;
        _renderer = renderer;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>The container of an event's notices: the event's own.</summary>
    public static ContainerSpec ContainerOf(EventDocument evt) => evt.BuildingId is not null ? Containers.Buildings : Containers.Users;

    /// <summary>
    /// Creates (or finds) the notices of <paramref name="evt"/> for <paramref name="recipients"/> and sends
    /// those that are due. Safe to call again for the same event: what was sent is not sent again.
    /// Store failures escape (the feed retries the event); provider failures are recorded in the notice.
    /// </summary>
    public async Task<IReadOnlyList<NoticeResult>> DispatchAsync(EventDocument evt, IReadOnlyList<NoticeRecipient> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(recipients);
        var container = ContainerOf(evt);
        var results = new List<NoticeResult>(recipients.Count);
        foreach (var recipient in recipients)
        {
            var notice = await EnsureAsync(container, evt, recipient, cancellationToken).ConfigureAwait(false);
            results.Add(await ProcessAsync(container, notice, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// Carries on with the notice of <paramref name="evt"/> for <paramref name="recipientKey"/> if it already
    /// exists; <c>null</c> when it does not. Handlers whose email carries a fresh secret (a code, a link)
    /// call this first, so a replayed event neither issues a second secret nor sends a second email.
    /// </summary>
    public async Task<NoticeResult?> TryResumeAsync(EventDocument evt, string recipientKey, Type modelType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var container = ContainerOf(evt);
        var partitionKey = evt.BuildingId ?? evt.UserId!;
        var existing = await _store.ReadAsync<NoticeDocument>(container, partitionKey, NoticeDocument.IdFor(evt.Id, recipientKey, EmailKinds.NameOf(modelType)), cancellationToken).ConfigureAwait(false);
        return existing is null ? null : await ProcessAsync(container, existing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends what is due in <paramref name="container"/>: pending notices whose next attempt has come and
    /// sending ones whose lease lapsed. Run it periodically (self-host pump, Azure timer).
    /// </summary>
    public async Task<IReadOnlyList<NoticeResult>> RetryDueAsync(ContainerSpec container, int maxItems, CancellationToken cancellationToken)
    {
        var query = NoticeQueries.DueIn(container);
        var page = await _store.QueryAsync<NoticeDocument>(query, null, NoticeQueries.DueArgs(_time.GetUtcNow()), maxItems, null, cancellationToken).ConfigureAwait(false);
        var results = new List<NoticeResult>(page.Items.Count);
        foreach (var notice in page.Items)
        {
            results.Add(await ProcessAsync(container, notice, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Staff asked to try a failed notice again: back to pending with a fresh count, then sent now.</summary>
    public async Task<NoticeResult> RetryFailedAsync(ContainerSpec container, string partitionKey, string noticeId, CancellationToken cancellationToken)
    {
        var current = await _store.ReadAsync<NoticeDocument>(container, partitionKey, noticeId, cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.NotFound("notice-not-found", Texts.Errors.NotFound);
        if (current.Value.State != NoticeState.Failed)
        {
            return await ProcessAsync(container, current, cancellationToken).ConfigureAwait(false);
        }

        if (current.Value.Payload is null)
        {
            throw DomainException.Conflict("notice-not-retryable", NoticeTexts.NotRetryable);
        }

        var now = _time.GetUtcNow();
        var reset = current.Value with { State = NoticeState.Pending, Attempts = 0, NextAttemptAt = now, UpdatedAt = now };
        Stored<NoticeDocument> pending;
        try
        {
            pending = await _store.ReplaceAsync(container, partitionKey, noticeId, reset, current.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.PreconditionFailed)
        {
            throw DomainException.Stale();
        }

        return await ProcessAsync(container, pending, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Stored<NoticeDocument>> EnsureAsync(ContainerSpec container, EventDocument evt, NoticeRecipient recipient, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var kind = recipient.Model.Kind;
        var notice = new NoticeDocument
        {
            Id = NoticeDocument.IdFor(evt.Id, recipient.Key, kind),
            BuildingId = evt.BuildingId,
            UserId = evt.BuildingId is null ? evt.UserId : null,
            EventId = evt.Id,
            Recipient = recipient.Key,
            Kind = kind,
            State = NoticeState.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            NextAttemptAt = now,
            Payload = new NoticePayload(
                recipient.To.Address,
                recipient.To.DisplayName,
                recipient.Language,
                JsonSerializer.SerializeToElement(recipient.Model, recipient.Model.GetType(), StoreJson.Options)),
        };

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _store.CreateAsync(container, notice.PartitionKey, notice.Id, notice, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException e) when (e.Failure == StoreFailure.Conflict)
            {
                // Already there: a replayed event or a concurrent dispatcher. Carry on from its state.
                var existing = await _store.ReadAsync<NoticeDocument>(container, notice.PartitionKey, notice.Id, cancellationToken).ConfigureAwait(false);
                if (existing is not null || attempt > 0)
                {
                    return existing ?? throw new InvalidOperationException($"Notice {notice.Id} conflicts on create but cannot be read.");
                }
            }
        }
    }

    private async Task<NoticeResult> ProcessAsync(ContainerSpec container, Stored<NoticeDocument> current, CancellationToken cancellationToken)
    {
        // A lost compare-and-swap means someone else moved the notice: read it again and decide anew.
        for (var round = 0; round < 3; round++)
        {
            var notice = current.Value;
            var now = _time.GetUtcNow();
            switch (notice.State)
            {
                case NoticeState.Sent:
                    return new(notice.Id, NoticeOutcome.AlreadySent);
                case NoticeState.Failed:
                    return new(notice.Id, NoticeOutcome.Failed);
                case NoticeState.Pending when notice.NextAttemptAt > now:
                    return new(notice.Id, NoticeOutcome.Deferred);
                case NoticeState.Sending when notice.NextAttemptAt > now:
                    return new(notice.Id, NoticeOutcome.InProgress);
                case NoticeState.Sending:
                    // The claim lapsed: its holder died or stalled, perhaps after the provider accepted.
                    // Sending again is the one place a duplicate can come from (see the class remarks).
                    LogLeaseLapsed(notice.Id, notice.Attempts);
                    break;
            }

            var claim = notice with
            {
                State = NoticeState.Sending,
                Attempts = notice.Attempts + 1,
                NextAttemptAt = now + _options.SendingLease,
                UpdatedAt = now,
            };
            try
            {
                var claimed = await _store.ReplaceAsync(container, notice.PartitionKey, notice.Id, claim, current.ETag, cancellationToken).ConfigureAwait(false);
                return await SendClaimedAsync(container, claimed, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException e) when (e.Failure == StoreFailure.PreconditionFailed)
            {
                var reread = await _store.ReadAsync<NoticeDocument>(container, notice.PartitionKey, notice.Id, cancellationToken).ConfigureAwait(false);
                if (reread is null)
                {
                    return new(notice.Id, NoticeOutcome.Failed);
                }

                current = reread;
            }
        }

        return new(current.Value.Id, NoticeOutcome.InProgress);
    }

    private async Task<NoticeResult> SendClaimedAsync(ContainerSpec container, Stored<NoticeDocument> claimed, CancellationToken cancellationToken)
    {
        var notice = claimed.Value;
        EmailMessage message;
        try
        {
            message = await RenderAsync(notice).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or JsonException or NotSupportedException)
        {
            // A template or payload problem: sending again will not fix it.
            return await MarkFailedAsync(container, claimed, "render:" + e.GetType().Name).ConfigureAwait(false);
        }

        try
        {
            await _sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (EmailDeferredException e)
        {
            return await RetryLaterAsync(container, claimed, e.RetryAfter, e.ProviderCode).ConfigureAwait(false);
        }
        catch (EmailRejectedException e)
        {
            return await MarkFailedAsync(container, claimed, e.ProviderCode).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.FromTicks(Math.Min(
                _options.MaxRetryDelay.Ticks,
                _options.FirstRetryDelay.Ticks * (1L << Math.Min(notice.Attempts - 1, 20))));
            return await RetryLaterAsync(container, claimed, delay, "error:" + e.GetType().Name).ConfigureAwait(false);
        }

        // Accepted by the provider. Mark it without the caller's token: a cancellation here would leave
        // the notice in sending and widen the one window in which it could be sent twice.
        var now = _time.GetUtcNow();
        var sent = notice with
        {
            State = NoticeState.Sent,
            SentAt = now,
            UpdatedAt = now,
            NextAttemptAt = null,
            LastError = null,
            Payload = null,
        };
        try
        {
            await _store.ReplaceAsync(container, notice.PartitionKey, notice.Id, sent, claimed.ETag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.PreconditionFailed)
        {
            // We outlived our lease and another dispatcher took the notice over: it may send a duplicate.
            LogLeaseLost(notice.Id);
        }

        return new(notice.Id, NoticeOutcome.Sent);
    }

    private async Task<EmailMessage> RenderAsync(NoticeDocument notice)
    {
        var payload = notice.Payload ?? throw new InvalidOperationException($"Notice {notice.Id} has no payload.");
        var model = (EmailModel?)payload.Model.Deserialize(EmailKinds.TypeOf(notice.Kind), StoreJson.Options)
            ?? throw new InvalidOperationException($"Notice {notice.Id} has an empty model.");
        return await _renderer.RenderAsync(model, new EmailAddress(payload.Address, payload.DisplayName), payload.Language, notice.Id).ConfigureAwait(false);
    }

    private async Task<NoticeResult> RetryLaterAsync(ContainerSpec container, Stored<NoticeDocument> claimed, TimeSpan delay, string error)
    {
        var notice = claimed.Value;
        if (notice.Attempts >= _options.MaxAttempts)
        {
            return await MarkFailedAsync(container, claimed, error).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var pending = notice with
        {
            State = NoticeState.Pending,
            NextAttemptAt = now + (delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1)),
            UpdatedAt = now,
            LastError = error,
        };
        LogDeferred(notice.Id, error, pending.NextAttemptAt.Value);
        return await MarkAsync(container, claimed, pending, NoticeOutcome.Deferred).ConfigureAwait(false);
    }

    private async Task<NoticeResult> MarkFailedAsync(ContainerSpec container, Stored<NoticeDocument> claimed, string error)
    {
        var now = _time.GetUtcNow();
        var failed = claimed.Value with { State = NoticeState.Failed, NextAttemptAt = null, UpdatedAt = now, LastError = error };
        LogFailed(claimed.Value.Id, error, claimed.Value.Attempts);
        return await MarkAsync(container, claimed, failed, NoticeOutcome.Failed).ConfigureAwait(false);
    }

    private async Task<NoticeResult> MarkAsync(ContainerSpec container, Stored<NoticeDocument> claimed, NoticeDocument next, NoticeOutcome outcome)
    {
        try
        {
            await _store.ReplaceAsync(container, next.PartitionKey, next.Id, next, claimed.ETag, CancellationToken.None).ConfigureAwait(false);
            return new(next.Id, outcome);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.PreconditionFailed)
        {
            LogLeaseLost(next.Id);
            return new(next.Id, NoticeOutcome.InProgress);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {NoticeId} deferred ({Error}) until {NextAttemptAt:O}")]
    private partial void LogDeferred(string noticeId, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} failed ({Error}) after {Attempts} attempt(s)")]
    private partial void LogFailed(string noticeId, string error, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} was still sending after its lease (attempt {Attempts}): sending again; a duplicate is possible")]
    private partial void LogLeaseLapsed(string noticeId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} was taken over by another dispatcher after this one's lease lapsed")]
    private partial void LogLeaseLost(string noticeId);
}

internal static class NoticeTexts
{
    public static readonly LocalizedText NotRetryable = new(
        "Ce courriel ne peut plus être renvoyé : son contenu n'est plus conservé.",
        "This email can no longer be sent again: its content is no longer kept.");
}
