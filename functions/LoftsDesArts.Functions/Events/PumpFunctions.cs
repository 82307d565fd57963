using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Functions.Events;

/// <summary>
/// The change-feed pump in Azure (DESIGN §3.4, §6: the Cosmos DB trigger is not available here). A timer
/// drains every 5 s and runs the scheduler; a queue nudge sent after each commit drains at once. Both call
/// the same <see cref="ChangeFeedPump.DrainAsync"/>, whose cursors (by ETag) keep two runs from handling
/// the same events.
/// </summary>
public sealed partial class PumpFunctions(ChangeFeedPump pump, Scheduler scheduler, ILogger<PumpFunctions> logger)
{
    /// <summary>Must match <c>Storage__PumpNudgeQueue</c> (the infrastructure sets both to this name).</summary>
    public const string NudgeQueue = "pump-nudge";

    [Function("PumpTimer")]
    public async Task RunTimerAsync([TimerTrigger("*/5 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // The scheduler first: the events it writes are then handled by this same drain.
        await scheduler.RunDueAsync(cancellationToken).ConfigureAwait(false);
        await pump.DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A nudge is a hint: whatever it says, the drain reads the stored cursors. A failure is logged, not thrown,
    /// so nudges do not pile up in the poison queue; the timer drains again within 5 s.
    /// </summary>
    [Function("PumpNudge")]
    public async Task RunNudgeAsync([QueueTrigger(NudgeQueue, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        try
        {
            await pump.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See above: the timer catches up.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogNudgeDrainFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The drain after a pump nudge failed; the timer drains again")]
    private static partial void LogNudgeDrainFailed(ILogger logger, Exception exception);
}
