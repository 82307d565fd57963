using System.Collections.Concurrent;
using System.Text.Json;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Core.Events;

public enum DrainOutcome
{
    /// <summary>Nothing new in the range.</summary>
    Idle,

    /// <summary>Changes were read, handed over where wanted, and the cursor moved on.</summary>
    Drained,

    /// <summary>Another instance (or another drain in this process) holds the range; left to it this round.</summary>
    Busy,

    /// <summary>Another instance moved the cursor first; this one stopped for the round.</summary>
    Lost,

    /// <summary>Reading the feed or writing the cursor failed; the next round starts from the saved cursor.</summary>
    Faulted,
}

public sealed record RangeDrain(string Handler, string FeedRange, DrainOutcome Outcome, int Handled, int DeadLettered);

public sealed record DrainReport(IReadOnlyList<RangeDrain> Ranges)
{
    public int Handled => Ranges.Sum(r => r.Handled);

    public int DeadLettered => Ranges.Sum(r => r.DeadLettered);

    public bool Faulted => Ranges.Any(r => r.Outcome == DrainOutcome.Faulted);
}

/// <summary>
/// Drains the change feed for every <see cref="IFeedHandler"/> (DESIGN §3.4), the same code in both hosts:
/// the self-host calls it when a local commit wakes it, Azure from a timer and a queue nudge.
/// <para>
/// Each handler has a cursor per feed range in <see cref="Containers.Leases"/>. Before handing events over,
/// an instance claims the cursor by ETag (owner + lease); it saves the continuation after each page by
/// ETag too, so two instances never both advance it: the one whose write is refused stops for the round.
/// Within a range, changes are handled one by one in feed order, so order is kept per partition.
/// Only event documents the handler wants are handed over; other changes just move the cursor on.
/// </para>
/// <para>
/// A handler failure is retried a few times (<see cref="FeedHandlerInvoker"/>); an event that keeps failing
/// becomes a dead letter and the cursor moves on. Delivery is at least once: a crash after handling and
/// before the page's cursor is saved replays that page, so handlers are idempotent.
/// </para>
/// </summary>
public sealed partial class ChangeFeedPump
{
    private readonly IDocumentStore _store;
    private readonly IReadOnlyList<IFeedHandler> _handlers;
    private readonly FeedHandlerInvoker _invoker;
    private readonly DeadLetters _deadLetters;
    private readonly PumpOptions _options;
    private readonly PumpMetrics _metrics;
    private readonly PumpHeartbeat _heartbeat;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChangeFeedPump> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _rangeGates = new(StringComparer.Ordinal);
    private DateTimeOffset _sharedHeartbeatWrittenAt = DateTimeOffset.MinValue;

    public ChangeFeedPump(
        IDocumentStore store,
        IEnumerable<IFeedHandler> handlers,
        FeedHandlerInvoker invoker,
        DeadLetters deadLetters,
        PumpOptions options,
        PumpMetrics metrics,
        PumpHeartbeat heartbeat,
        TimeProvider clock,
        ILogger<ChangeFeedPump> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _handlers = [.. handlers];
        var duplicate = _handlers.GroupBy(h => h.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two feed handlers are named {duplicate.Key}; cursors and dead letters are keyed by the name.", nameof(handlers));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1);
        _store = store;
        _invoker = invoker;
        _deadLetters = deadLetters;
        _options = options;
        _metrics = metrics;
        _heartbeat = heartbeat;
        _clock = clock;
        _logger = logger;
    }

    public IReadOnlyList<IFeedHandler> Handlers => _handlers;

    /// <summary>
    /// One round: every handler (concurrently), every feed range of its container (in turn), until the
    /// feed is empty or another instance holds or takes the range. Records the heartbeat unless a range faulted.
    /// </summary>
    public async Task<DrainReport> DrainAsync(CancellationToken cancellationToken)
    {
        var perHandler = await Task.WhenAll(_handlers.Select(h => DrainHandlerAsync(h, cancellationToken))).ConfigureAwait(false);
        var report = new DrainReport([.. perHandler.SelectMany(r => r)]);
        if (!report.Faulted)
        {
            await BeatAsync(cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    private async Task<IReadOnlyList<RangeDrain>> DrainHandlerAsync(IFeedHandler handler, CancellationToken cancellationToken)
    {
        // Let the handlers' drains overlap rather than run the first one synchronously to its first await.
        await Task.Yield();
        IReadOnlyList<string> ranges;
        try
        {
            ranges = await _store.GetFeedRangesAsync(handler.Container, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One handler's store failure must not stop the others; logged, retried next round.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogRangeFaulted(_logger, ex, handler.Name, "*");
            return [new RangeDrain(handler.Name, "*", DrainOutcome.Faulted, 0, 0)];
        }

        var results = new List<RangeDrain>(ranges.Count);
        foreach (var range in ranges)
        {
            results.Add(await DrainRangeAsync(handler, range, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<RangeDrain> DrainRangeAsync(IFeedHandler handler, string range, CancellationToken cancellationToken)
    {
        var cursorId = PumpCursorDocument.IdFor(handler.Name, handler.Container.Name, range);
        var gate = _rangeGates.GetOrAdd(cursorId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return new RangeDrain(handler.Name, range, DrainOutcome.Busy, 0, 0);
        }

        var state = new RangeState(handler, range, cursorId);
        try
        {
            var outcome = await RunRangeAsync(state, cancellationToken).ConfigureAwait(false);
            return new RangeDrain(handler.Name, range, outcome, state.Handled, state.DeadLettered);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAfterStopAsync(state).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // A store failure in one range is logged and retried next round from the saved cursor.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRangeFaulted(_logger, ex, handler.Name, range);
            await ReleaseAfterStopAsync(state).ConfigureAwait(false);
            return new RangeDrain(handler.Name, range, DrainOutcome.Faulted, state.Handled, state.DeadLettered);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DrainOutcome> RunRangeAsync(RangeState state, CancellationToken cancellationToken)
    {
        var handler = state.Handler;
        var cursor = await _store.ReadAsync<PumpCursorDocument>(Containers.Leases, state.CursorId, state.CursorId, cancellationToken).ConfigureAwait(false);
        state.Cursor = cursor;
        if (cursor?.Value is { Owner: { } owner, LeaseUntil: { } until } && owner != _options.InstanceId && until > _clock.GetUtcNow())
        {
            return DrainOutcome.Busy;
        }

        var continuation = cursor?.Value.Continuation;
        var drained = false;
        while (true)
        {
            var page = await _store.ReadChangesAsync(handler.Container, state.Range, continuation, _options.PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Items.Count == 0)
            {
                if (state.Holding && !await SaveAsync(state, continuation, keepLease: false, cancellationToken).ConfigureAwait(false))
                {
                    return DrainOutcome.Lost;
                }

                if (!drained)
                {
                    _metrics.CaughtUp(handler.Name);
                }

                return drained ? DrainOutcome.Drained : DrainOutcome.Idle;
            }

            drained = true;
            var wanted = Wanted(handler, page.Items);

            // Claim before handing anything over; a page of unwanted changes is just skipped by the save below.
            if (wanted.Count > 0 && !state.Holding && !await ClaimAsync(state, continuation, cancellationToken).ConfigureAwait(false))
            {
                return DrainOutcome.Lost;
            }

            foreach (var (change, evt, error) in wanted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await RenewIfDueAsync(state, continuation, cancellationToken).ConfigureAwait(false))
                {
                    return DrainOutcome.Lost;
                }

                if (evt is null)
                {
                    // An event document that does not read as one: no attempt can succeed, set it aside.
                    await _deadLetters.RecordAsync(handler, change, null, 0, error!, cancellationToken).ConfigureAwait(false);
                    state.DeadLettered++;
                    continue;
                }

                var outcome = await _invoker.HandleAsync(handler, evt, cancellationToken).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    state.Handled++;
                }
                else
                {
                    await _deadLetters.RecordAsync(handler, change, evt, outcome.Attempts, outcome.LastError!, cancellationToken).ConfigureAwait(false);
                    state.DeadLettered++;
                }
            }

            var more = page.Items.Count >= _options.PageSize;
            if (!await SaveAsync(state, page.Continuation, keepLease: state.Holding && more, cancellationToken).ConfigureAwait(false))
            {
                return DrainOutcome.Lost;
            }

            continuation = page.Continuation;
            if (!more)
            {
                return DrainOutcome.Drained;
            }
        }
    }

    /// <summary>The changes to hand over: live, committed event documents of a kind the handler wants.</summary>
    private static List<(ChangedDocument Change, EventDocument? Event, Exception? Error)> Wanted(IFeedHandler handler, IReadOnlyList<ChangedDocument> items)
    {
        var wanted = new List<(ChangedDocument, EventDocument?, Exception?)>();
        foreach (var change in items)
        {
            var body = change.Body;
            if (!EventDocument.IsEvent(body)
                || (body.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True)
                || (body.TryGetProperty("staged", out var staged) && staged.ValueKind == JsonValueKind.String))
            {
                continue; // Not an event, soft-deleted, or written by an import that has not committed (it reappears when it does).
            }

            EventDocument evt;
            try
            {
                evt = change.Deserialize<EventDocument>();
            }
#pragma warning disable CA1031 // A body that does not read as an event (JSON, format, converter errors) is set aside, never a stop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                wanted.Add((change, null, ex));
                continue;
            }

            if (handler.Wants(evt.Kind))
            {
                wanted.Add((change, evt, null));
            }
        }

        return wanted;
    }

    private async Task<bool> ClaimAsync(RangeState state, string? continuation, CancellationToken cancellationToken)
    {
        if (!await WriteCursorAsync(state, continuation, owned: true, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        state.Holding = true;
        return true;
    }

    /// <summary>Extends the lease once half of it has passed, so a long page is not taken over.</summary>
    private async Task<bool> RenewIfDueAsync(RangeState state, string? continuation, CancellationToken cancellationToken)
    {
        var until = state.Cursor?.Value.LeaseUntil;
        if (until is null || until.Value - _clock.GetUtcNow() > _options.LeaseDuration / 2)
        {
            return true;
        }

        return await WriteCursorAsync(state, continuation, owned: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SaveAsync(RangeState state, string? continuation, bool keepLease, CancellationToken cancellationToken)
    {
        if (!await WriteCursorAsync(state, continuation, owned: keepLease, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        state.Holding = keepLease;
        return true;
    }

    /// <summary>Creates or replaces the cursor by ETag; false when another instance wrote it first.</summary>
    private async Task<bool> WriteCursorAsync(RangeState state, string? continuation, bool owned, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var document = new PumpCursorDocument
        {
            Id = state.CursorId,
            Handler = state.Handler.Name,
            Container = state.Handler.Container.Name,
            FeedRange = state.Range,
            Continuation = continuation,
            Owner = owned ? _options.InstanceId : null,
            LeaseUntil = owned ? now + _options.LeaseDuration : null,
            UpdatedAt = now,
        };
        try
        {
            state.Cursor = state.Cursor is null
                ? await _store.CreateAsync(Containers.Leases, state.CursorId, state.CursorId, document, cancellationToken).ConfigureAwait(false)
                : await _store.ReplaceAsync(Containers.Leases, state.CursorId, state.CursorId, document, state.Cursor.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict or StoreFailure.NotFound)
        {
            state.Holding = false;
            LogCursorLost(_logger, state.Handler.Name, state.Range);
            return false;
        }
    }

    /// <summary>
    /// After a stop mid-page (shutdown, store failure), gives the lease back without moving the cursor, so
    /// another instance need not wait for it to expire; the unsaved page is replayed. Best effort.
    /// </summary>
    private async Task ReleaseAfterStopAsync(RangeState state)
    {
        if (!state.Holding)
        {
            return;
        }

        try
        {
            await WriteCursorAsync(state, state.Cursor?.Value.Continuation, owned: false, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The lease then expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(_logger, ex, state.Handler.Name, state.Range);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        _heartbeat.Beat(now);
        if (!_options.SharedHeartbeat || now - _sharedHeartbeatWrittenAt < _options.SharedHeartbeatInterval)
        {
            return;
        }

        try
        {
            var document = new PumpHeartbeatDocument { Id = PumpHeartbeatDocument.DocumentId, LastDrainAt = now, Instance = _options.InstanceId };
            await _store.UpsertAsync(Containers.Leases, document.Id, document.Id, document, null, cancellationToken).ConfigureAwait(false);
            _sharedHeartbeatWrittenAt = now;
        }
#pragma warning disable CA1031 // Readiness then reports the stale heartbeat; the drain itself succeeded.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogHeartbeatFailed(_logger, ex);
        }
    }

    private sealed class RangeState(IFeedHandler handler, string range, string cursorId)
    {
        public IFeedHandler Handler { get; } = handler;

        public string Range { get; } = range;

        public string CursorId { get; } = cursorId;

        public Stored<PumpCursorDocument>? Cursor { get; set; }

        /// <summary>This drain holds the cursor's lease (it claimed it and has not released it).</summary>
        public bool Holding { get; set; }

        public int Handled { get; set; }

        public int DeadLettered { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining feed range {Range} for handler {Handler} failed; the next round resumes from the saved cursor")]
    private static partial void LogRangeFaulted(ILogger logger, Exception exception, string handler, string range);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another instance moved the cursor of handler {Handler} in range {Range} first; stopping for this round")]
    private static partial void LogCursorLost(ILogger logger, string handler, string range);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease of handler {Handler} in range {Range}; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string handler, string range);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the shared pump heartbeat")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
