using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Core.Events;

/// <summary>The result of handling one event with retries.</summary>
public sealed record HandlingOutcome(bool Succeeded, int Attempts, Exception? LastError);

/// <summary>
/// Calls a handler with a few attempts and a short doubling backoff (on the injected clock), counting
/// each failure. Shared by the pump and the dead-letter retry, so both behave alike.
/// </summary>
public sealed partial class FeedHandlerInvoker(PumpOptions options, PumpMetrics metrics, TimeProvider clock, ILogger<FeedHandlerInvoker> logger)
{
    public async Task<HandlingOutcome> HandleAsync(IFeedHandler handler, EventDocument evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(evt);
        var maxAttempts = Math.Max(1, options.MaxAttempts);
        Exception? last = null;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            try
            {
                await handler.HandleAsync(evt, cancellationToken).ConfigureAwait(false);
                metrics.Handled(handler.Name, evt.Kind, clock.GetUtcNow() - evt.OccurredAt);
                return new HandlingOutcome(true, attempt, null);
            }
#pragma warning disable CA1031 // A handler may fail in any way; the event is retried, then set aside.
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
            {
                last = ex;
                metrics.Failed(handler.Name, evt.Kind);
                LogAttemptFailed(logger, ex, handler.Name, evt.Id, attempt, maxAttempts);
            }

            if (attempt < maxAttempts && options.RetryDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.RetryDelay * Math.Pow(2, attempt - 1), clock, cancellationToken).ConfigureAwait(false);
            }
        }

        return new HandlingOutcome(false, maxAttempts, last);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler {Handler} failed on event {EventId} (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string handler, string eventId, int attempt, int maxAttempts);
}
