using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Core.Events;

public enum RetryResult
{
    /// <summary>The handler succeeded; the dead letter was deleted.</summary>
    Handled,

    /// <summary>The handler failed again; the dead letter was updated and stays.</summary>
    Failed,
}

public sealed record DeadLetterRetry(RetryResult Result, Stored<DeadLetterDocument>? DeadLetter);

/// <summary>
/// Records, lists and retries dead letters (DESIGN §3.4): an event a handler kept failing on is set aside
/// so later events go on; staff of the event's building see it and can run the handler on it again.
/// </summary>
public sealed partial class DeadLetters(
    IDocumentStore store,
    IEnumerable<IFeedHandler> handlers,
    FeedHandlerInvoker invoker,
    PumpOptions options,
    PumpMetrics metrics,
    TimeProvider clock,
    ILogger<DeadLetters> logger)
{
    private const int MaxWriteAttempts = 3;

    private readonly IReadOnlyList<IFeedHandler> _handlers = [.. handlers];

    /// <summary>
    /// Sets an event aside for a handler (or adds to the attempts of one set aside before). The event is
    /// null when its body could not be read as an event.
    /// </summary>
    public async Task<Stored<DeadLetterDocument>> RecordAsync(
        IFeedHandler handler, ChangedDocument change, EventDocument? evt, int attempts, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(error);
        var id = DeadLetterDocument.IdFor(handler.Name, change.Id);
        for (var write = 1; ; write++)
        {
            var existing = await store.ReadAsync<DeadLetterDocument>(Containers.Leases, id, id, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var document = new DeadLetterDocument
            {
                Id = id,
                Handler = handler.Name,
                Container = handler.Container.Name,
                PartitionKey = change.PartitionKey,
                EventId = change.Id,
                EventKind = evt?.Kind,
                BuildingId = evt?.BuildingId ?? evt?.Get("buildingId"),
                Attempts = (existing?.Value.Attempts ?? 0) + attempts,
                ErrorType = error.GetType().FullName ?? error.GetType().Name,
                ErrorMessage = PumpIds.Scrub(error.Message),
                FirstFailedAt = existing?.Value.FirstFailedAt ?? now,
                LastFailedAt = now,
                Ttl = (int)options.DeadLetterRetention.TotalSeconds,
            };
            try
            {
                var stored = await store.UpsertAsync(Containers.Leases, id, id, document, existing?.ETag, cancellationToken).ConfigureAwait(false);
                metrics.DeadLettered(handler.Name, evt?.Kind ?? "unreadable");
                LogDeadLettered(logger, handler.Name, change.Id, document.Attempts, document.ErrorType);
                return stored;
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed && write < MaxWriteAttempts)
            {
                // A retry from the API updated it meanwhile: read it again.
            }
        }
    }

    /// <summary>One page of a building's dead letters, most recent first.</summary>
    public async Task<QueryPage<DeadLetterDocument>> ListAsync(string buildingId, string? continuation, int maxItems, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildingId);
        try
        {
            return await store.QueryAsync<DeadLetterDocument>(
                DeadLetterQueries.ByBuilding, null, DeadLetterQueries.ByBuildingArgs(buildingId), maxItems, continuation, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException) when (continuation is not null)
        {
            throw DomainException.Invalid("continuation", EventTexts.InvalidContinuation);
        }
    }

    /// <summary>
    /// Runs the handler again on the event, read again from the store. On success the dead letter is
    /// deleted; on failure it is updated. A dead letter of another building is "not found".
    /// </summary>
    public async Task<DeadLetterRetry> RetryAsync(string buildingId, string deadLetterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildingId);
        ArgumentException.ThrowIfNullOrEmpty(deadLetterId);
        var deadLetter = await store.ReadAsync<DeadLetterDocument>(Containers.Leases, deadLetterId, deadLetterId, cancellationToken).ConfigureAwait(false);
        if (deadLetter is null || deadLetter.Value.BuildingId != buildingId)
        {
            throw DomainException.NotFound("dead-letter-not-found", EventTexts.DeadLetterNotFound);
        }

        var letter = deadLetter.Value;
        var handler = _handlers.FirstOrDefault(h => h.Name == letter.Handler && h.Container.Name == letter.Container)
            ?? throw DomainException.Conflict("handler-unavailable", EventTexts.HandlerUnavailable);
        var evt = await store.ReadAsync<EventDocument>(handler.Container, letter.PartitionKey, letter.EventId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException(ErrorKind.Gone, "event-gone", EventTexts.EventGone);

        var outcome = await invoker.HandleAsync(handler, evt.Value, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            try
            {
                await store.DeleteAsync(Containers.Leases, deadLetterId, deadLetterId, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.NotFound)
            {
                // Two staff retried at once; both runs succeeded (handlers are idempotent).
            }

            LogRetried(logger, letter.Handler, letter.EventId);
            return new DeadLetterRetry(RetryResult.Handled, null);
        }

        var change = new ChangedDocument(letter.PartitionKey, letter.EventId, evt.ETag, default);
        var updated = await RecordAsync(handler, change, evt.Value, outcome.Attempts, outcome.LastError!, cancellationToken).ConfigureAwait(false);
        return new DeadLetterRetry(RetryResult.Failed, updated);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler {Handler} gave up on event {EventId} after {Attempts} attempts ({ErrorType}); set aside as a dead letter")]
    private static partial void LogDeadLettered(ILogger logger, string handler, string eventId, int attempts, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter of handler {Handler} for event {EventId} retried successfully")]
    private static partial void LogRetried(ILogger logger, string handler, string eventId);
}
