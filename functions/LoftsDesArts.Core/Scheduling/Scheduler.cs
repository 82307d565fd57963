using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Core.Scheduling;

/// <summary>
/// Runs every registered <see cref="IScheduledJob"/> once, with "now" from the injected clock. The hosts call
/// it periodically (the self-host's background loop, Azure's pump timer); tests advance a fake clock.
/// Safe to run on several instances at once: each occurrence is written by ETag, once.
/// </summary>
public sealed partial class Scheduler(
    IDocumentStore store,
    IEnumerable<IScheduledJob> jobs,
    PumpMetrics metrics,
    TimeProvider clock,
    ILogger<Scheduler> logger)
{
    /// <summary>Actions per job per run, so a long backlog cannot hold a run for long; the next run goes on.</summary>
    public const int MaxActionsPerRun = 500;

    private readonly IReadOnlyList<IScheduledJob> _jobs = [.. jobs];

    public IReadOnlyList<IScheduledJob> Jobs => _jobs;

    public async Task<IReadOnlyList<ScheduledRun>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var runs = new List<ScheduledRun>(_jobs.Count);
        foreach (var job in _jobs)
        {
            try
            {
                var run = await job.RunDueAsync(store, now, MaxActionsPerRun, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < run.Acted; i++)
                {
                    metrics.Scheduled(job.Name, "acted");
                }

                for (var i = 0; i < run.Skipped; i++)
                {
                    metrics.Scheduled(job.Name, "skipped");
                }

                foreach (var failure in run.Failures)
                {
                    metrics.Scheduled(job.Name, "failed");
                    LogDocumentFailed(logger, failure.Error, job.Name, failure.DocumentId);
                }

                runs.Add(run);
            }
#pragma warning disable CA1031 // One job's failure (its query, the store) must not stop the others; retried next run.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogJobFailed(logger, ex, job.Name);
            }
        }

        return runs;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed on document {DocumentId}; it stays due and is tried again next run")]
    private static partial void LogDocumentFailed(ILogger logger, Exception exception, string job, string documentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed; tried again next run")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string job);
}
