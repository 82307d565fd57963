using System.Globalization;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// When a waiting package's next reminder is due (DESIGN §3.4: the scheduler writes reminder events,
/// handlers send them). The schedule comes from the building's settings and the unit's vacation hold.
/// </summary>
public sealed class PackageReminders(IDocumentStore store)
{
    public async Task<DateTimeOffset?> NextAsync(PackageDocument package, BuildingPackageSettings building, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(building);
        if (package.State != PackageState.Waiting || package.UnitId is null)
        {
            return null;
        }

        var hold = await HoldOfAsync(package.BuildingId, package.UnitId, cancellationToken).ConfigureAwait(false);
        return Plan(package, building, hold, asOf: null)?.DueAt;
    }

    public async Task<VacationHold?> HoldOfAsync(string buildingId, string unitId, CancellationToken cancellationToken) =>
        (await store.ReadAsync<PackagePreferencesDocument>(Containers.Buildings, buildingId, PackagePreferencesDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false))?.Value.VacationHold;

    /// <summary>
    /// The next stage not yet sent, and when; null when none is left. With <paramref name="asOf"/> (the
    /// scheduler's now), stages that came due together during an outage collapse into the latest.
    /// </summary>
    public static DueReminder? Plan(PackageDocument package, BuildingPackageSettings building, VacationHold? hold, DateTimeOffset? asOf)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(building);
        var sent = package.RemindersSent.Select(key => ReminderStage.TryParse(key, out var stage) ? stage : (ReminderStage?)null).OfType<ReminderStage>().ToList();
        return building.Planner.Next(package.ArrivedAt, sent, hold is null ? null : [hold], asOf);
    }
}

/// <summary>
/// Writes the reminder events of waiting packages whose <see cref="PackageDocument.NextActionAt"/> has come:
/// the package records the stage (each goes once) and its next due time in the same batch as the event.
/// A stage skipped by a vacation hold is recorded as passed without an event.
/// </summary>
public sealed class PackageReminderJob(BuildingDirectoryCache buildings, PackageSettingsService settings, PackageReminders reminders) : IScheduledJob
{
    public string Name => "package-reminders";

    public QuerySpec DueQuery => PackageQueries.ReminderDue;

    public async Task<ScheduledRun> RunDueAsync(IDocumentStore store, DateTimeOffset now, int maxActions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        int acted = 0, skipped = 0;
        var failures = new List<ScheduledFailure>();
        foreach (var entry in await buildings.GetAsync(cancellationToken).ConfigureAwait(false))
        {
            var building = await settings.ReadAsync(entry.BuildingId, cancellationToken).ConfigureAwait(false);
            var due = await store.QueryAsync<PackageDocument>(DueQuery, entry.BuildingId, new QueryArgs { [DueQueries.DueParameter] = StoreJson.Instant(now) }, Math.Max(1, maxActions - acted - skipped), null, cancellationToken).ConfigureAwait(false);
            foreach (var package in due.Items)
            {
                try
                {
                    if (await ActAsync(store, package, building, now, cancellationToken).ConfigureAwait(false))
                    {
                        acted++;
                    }
                    else
                    {
                        skipped++;
                    }
                }
#pragma warning disable CA1031 // One package the job cannot act on must not block the others; the scheduler logs it.
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    failures.Add(new ScheduledFailure(package.Value.Id, ex));
                }
            }
        }

        return new ScheduledRun(Name, acted, skipped, failures);
    }

    private async Task<bool> ActAsync(IDocumentStore store, Stored<PackageDocument> due, BuildingPackageSettings building, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var package = due.Value;
        var hold = package.UnitId is null ? null : await reminders.HoldOfAsync(package.BuildingId, package.UnitId, cancellationToken).ConfigureAwait(false);
        var plan = PackageReminders.Plan(package, building, hold, now);
        var operations = new List<BatchOperation>(2);
        PackageDocument next;
        if (plan is null || package.State != PackageState.Waiting)
        {
            next = package with { NextActionAt = null };
        }
        else if (plan.DueAt > now)
        {
            // Settings or a hold changed since this was planned: move to the new time.
            next = package with { NextActionAt = plan.DueAt };
        }
        else
        {
            var sent = package with { RemindersSent = [.. package.RemindersSent, plan.Stage.Key] };
            var evt = EventDocument.ForBuilding(package.BuildingId, package.PackageId, PackageEvents.ReminderDue, now, new Dictionary<string, string>
            {
                ["unitId"] = package.UnitId!,
                ["stage"] = plan.Stage.Key,
                ["returnOn"] = building.Planner.ReturnDate(package.ArrivedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }, suffix: plan.Stage.Key);
            var step = plan.Stage.IsFinalNotice ? PackageStep.FinalNotice : PackageStep.Reminder;
            sent = sent with { History = [.. sent.History, new PackageHistoryEntry(now, step, null, null, plan.Stage.Key, evt.Id)] };
            next = sent with { NextActionAt = PackageReminders.Plan(sent, building, hold, asOf: null)?.DueAt };
            operations.Add(BatchOperation.Create(evt.Id, evt));
        }

        operations.Insert(0, BatchOperation.Replace(next.Id, next, due.ETag));
        try
        {
            await store.ExecuteBatchAsync(Containers.Buildings, package.BuildingId, operations, cancellationToken).ConfigureAwait(false);
            return operations.Count > 1;
        }
        catch (StoreException e) when (e.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound or StoreFailure.Conflict)
        {
            return false;
        }
    }
}
