using System.Globalization;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// Announces a unit's arrivals once its short quiet time has passed: one event for all the packages
/// logged together, so members get one email for three parcels (DESIGN §3.5: arrivals are grouped).
/// </summary>
public sealed class ArrivalDigestJob(BuildingDirectoryCache buildings) : ScheduledJob<ArrivalDigestDocument>
{
    public override string Name => "package-arrival-digest";

    public override QuerySpec DueQuery => PackageQueries.ArrivalsDue;

    protected override async Task<IReadOnlyList<string>> PartitionsAsync(IDocumentStore store, CancellationToken cancellationToken) =>
        [.. (await buildings.GetAsync(cancellationToken).ConfigureAwait(false)).Select(b => b.BuildingId)];

    protected override ScheduledAction<ArrivalDigestDocument> Act(ArrivalDigestDocument due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(due);
        var next = due with { PackageIds = [], FirstPendingAt = null, NextActionAt = null, Sequence = due.Sequence + 1 };
        if (due.PackageIds.Count == 0)
        {
            return new(next, []);
        }

        var evt = EventDocument.ForBuilding(due.BuildingId, due.Id, PackageEvents.ArrivalsDue, now, new Dictionary<string, string>
        {
            ["unitId"] = due.UnitId,
            ["packageIds"] = string.Join(',', due.PackageIds),
        }, suffix: due.Sequence.ToString(CultureInfo.InvariantCulture));
        return new(next, [evt]);
    }
}

/// <summary>
/// Deletes the photos of packages that left the desk more than the building's retention ago (Law 25: keep
/// personal data no longer than needed). The photo goes first, then the package forgets it had one.
/// </summary>
public sealed class PackagePhotoPurgeJob(BuildingDirectoryCache buildings, Photos.IPackagePhotoStore photos) : IScheduledJob
{
    public string Name => "package-photo-purge";

    public QuerySpec DueQuery => PackageQueries.PhotoPurgeDue;

    public async Task<ScheduledRun> RunDueAsync(IDocumentStore store, DateTimeOffset now, int maxActions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        int acted = 0, skipped = 0;
        foreach (var entry in await buildings.GetAsync(cancellationToken).ConfigureAwait(false))
        {
            var due = await store.QueryAsync<PackageDocument>(DueQuery, entry.BuildingId, new QueryArgs { [DueQueries.DueParameter] = StoreJson.Instant(now) }, Math.Max(1, maxActions - acted - skipped), null, cancellationToken).ConfigureAwait(false);
            foreach (var package in due.Items)
            {
                await photos.DeleteAsync(package.Value.BuildingId, package.Value.PackageId, cancellationToken).ConfigureAwait(false);
                try
                {
                    await store.ReplaceAsync(Containers.Buildings, entry.BuildingId, package.Value.Id, package.Value with { HasPhoto = false, PhotoPurgeAt = null }, package.ETag, cancellationToken).ConfigureAwait(false);
                    acted++;
                }
                catch (StoreException e) when (e.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
                {
                    // Changed meanwhile (an undone release clears the purge date): the next run decides again.
                    skipped++;
                }
            }
        }

        return new ScheduledRun(Name, acted, skipped, []);
    }
}
