using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Notices;

/// <summary>
/// Sends the notices of one container that are due again: deferred by the provider (quota, Retry-After),
/// or left in "sending" by an instance that died. Runs with the scheduler in both hosts.
/// </summary>
public sealed class NoticeRetryJob(ContainerSpec container, NoticeDispatcher dispatcher) : IScheduledJob
{
    public string Name => $"notice-retry.{container.Name}";

    public QuerySpec DueQuery => NoticeQueries.DueIn(container);

    public async Task<ScheduledRun> RunDueAsync(IDocumentStore store, DateTimeOffset now, int maxActions, CancellationToken cancellationToken)
    {
        var results = await dispatcher.RetryDueAsync(container, maxActions, cancellationToken).ConfigureAwait(false);
        var sent = results.Count(r => r.Outcome == NoticeOutcome.Sent);
        return new ScheduledRun(Name, sent, results.Count - sent, []);
    }
}

/// <summary>Finishes or cleans up import jobs interrupted by a crash (see <see cref="ImportJobRunner"/>).</summary>
public sealed class ImportRecoveryJob(ImportJobRunner imports) : IScheduledJob
{
    public string Name => "import-recovery";

    public QuerySpec DueQuery => ImportJobQueries.OpenInBuildings;

    public async Task<ScheduledRun> RunDueAsync(IDocumentStore store, DateTimeOffset now, int maxActions, CancellationToken cancellationToken)
    {
        var recovered = await imports.RecoverOpenJobsAsync(Containers.Buildings, cancellationToken).ConfigureAwait(false);
        return new ScheduledRun(Name, recovered, 0, []);
    }
}
