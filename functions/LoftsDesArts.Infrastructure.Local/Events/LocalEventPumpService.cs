using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Infrastructure.Local.Events;

/// <summary>
/// The self-host's background work, three loops on the injected clock:
/// <list type="bullet">
/// <item>the change-feed pump, woken by <see cref="LocalChangeSignal"/> after each local commit (target: an
/// event handled within 250 ms of its commit) and at least every <see cref="LocalPumpOptions.SafetyNetInterval"/>;</item>
/// <item>the <see cref="Scheduler"/>, every <see cref="LocalPumpOptions.SchedulerInterval"/>;</item>
/// <item>the SQLite store's purge of expired documents, every <see cref="LocalPumpOptions.PurgeInterval"/>.</item>
/// </list>
/// Each loop runs once at start. A failure is logged and the loop goes on.
/// </summary>
public sealed partial class LocalEventPumpService(
    ChangeFeedPump pump,
    Scheduler scheduler,
    SqliteDocumentStore store,
    LocalChangeSignal signal,
    LocalPumpOptions options,
    PumpMetrics metrics,
    PumpHeartbeat heartbeat,
    TimeProvider clock,
    ILogger<LocalEventPumpService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A sign of life as the loop starts, while the host starts: readiness does not depend on whether the
        // first drain has finished before the first probe. Each completed drain beats again; a pump stuck for
        // longer than PumpOptions.ReadyWithin turns readiness off.
        heartbeat.Beat(clock.GetUtcNow());

        // The timers are created here, synchronously, while the host starts: a test that advances a fake
        // clock right after start-up finds them registered.
        var schedulerTimer = new PeriodicTimer(options.SchedulerInterval, clock);
        var purgeTimer = new PeriodicTimer(options.PurgeInterval, clock);
        return Task.WhenAll(
            PumpLoopAsync(stoppingToken),
            PeriodicLoopAsync(schedulerTimer, "scheduler", RunSchedulerAsync, stoppingToken),
            PeriodicLoopAsync(purgeTimer, "purge", PurgeAsync, stoppingToken));
    }

    private async Task PumpLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            signal.Reset();
            try
            {
                await pump.DrainAsync(stoppingToken).ConfigureAwait(false);
                await signal.WaitAsync(options.SafetyNetInterval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive any single failure; the safety net retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLoopFailed(logger, ex, "pump");
                await WaitQuietlyAsync(options.SafetyNetInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PeriodicLoopAsync(PeriodicTimer timer, string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using (timer)
        {
            await Task.Yield();
            try
            {
                do
                {
                    try
                    {
                        await work(stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // Logged; the next tick tries again.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        LogLoopFailed(logger, ex, name);
                    }
                }
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping.
            }
        }
    }

    private Task RunSchedulerAsync(CancellationToken cancellationToken) => scheduler.RunDueAsync(cancellationToken);

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var purged = await store.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
        metrics.Purged(purged);
        if (purged > 0)
        {
            LogPurged(logger, purged);
        }
    }

    private async Task WaitQuietlyAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The self-host's {Loop} loop failed; it goes on")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired documents")]
    private static partial void LogPurged(ILogger logger, int count);
}
