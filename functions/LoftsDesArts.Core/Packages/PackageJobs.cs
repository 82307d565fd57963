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
