using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// The desk's filters; all optional. An open list without a filter is paged (oldest first); with one, the
/// open list (hundreds) is read whole and filtered in memory over one partition query, unpaged.
/// </summary>
public sealed record DeskFilter(PackageState State, string? UnitId, Carrier? Carrier, PackageFlag? Flag, string? Location, int? MinAgeDays, string? Continuation)
{
    public bool Narrows => UnitId is not null || Carrier is not null || Flag is not null || Location is not null || MinAgeDays is not null;
}

public sealed record DeskCounts(int Waiting, int Overdue, int UnknownRecipient, int ReleasedToday);

public sealed record DeskList(IReadOnlyList<Stored<PackageDocument>> Items, string? Continuation, DeskCounts Counts, BuildingPackageSettings Building);

public sealed record UnitList(IReadOnlyList<Stored<PackageDocument>> Items, string? Continuation, BuildingPackageSettings Building);

/// <summary>One line of a package's chain of custody: a history step, or a notice one of its events caused.</summary>
public sealed record TimelineItem(DateTimeOffset At, string Kind, PackageHistoryEntry? Step, NoticeDocument? Notice);

/// <summary>Reads for the desk's lists, a unit's lists and a package's timeline.</summary>
public sealed class PackageLists(IDocumentStore store, PackageSettingsService settings, TimeProvider clock)
{
    /// <summary>A page of a desk or unit list (the desk's open lists too: the first page is what a busy desk reloads on every push).</summary>
    private const int Page = 50;

    /// <summary>The open lists hold at most this many; past it the desk has a bigger problem than paging.</summary>
    private const int OpenCap = 2000;

    public async Task<DeskList> DeskAsync(string buildingId, DeskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var counts = await CountsAsync(buildingId, building, now, cancellationToken).ConfigureAwait(false);

        QueryPage<PackageDocument> page;
        switch (filter.State)
        {
            case PackageState.Waiting or PackageState.UnknownRecipient when filter.Narrows:
                page = await store.QueryAsync<PackageDocument>(PackageQueries.OpenByState, buildingId, PackageQueries.StateArgs(filter.State), OpenCap, null, cancellationToken).ConfigureAwait(false);
                page = page with { Continuation = null };
                break;
            case PackageState.Waiting or PackageState.UnknownRecipient:
                page = await store.QueryAsync<PackageDocument>(PackageQueries.OpenByState, buildingId, PackageQueries.StateArgs(filter.State), Page, filter.Continuation, cancellationToken).ConfigureAwait(false);
                break;
            case PackageState.Released:
                page = await store.QueryAsync<PackageDocument>(PackageQueries.ReleasedByState, buildingId, PackageQueries.StateArgs(PackageState.Released), Page, filter.Continuation, cancellationToken).ConfigureAwait(false);
                break;
            default:
                page = await store.QueryAsync<PackageDocument>(PackageQueries.ClosedByState, buildingId, PackageQueries.StatesArgs(PackageState.Returned, PackageState.Missing), Page, filter.Continuation, cancellationToken).ConfigureAwait(false);
                break;
        }

        var filtered = page.Items.Where(p =>
            (filter.UnitId is null || p.Value.UnitId == filter.UnitId) &&
            (filter.Carrier is null || p.Value.Carrier == filter.Carrier) &&
            (filter.Flag is null || p.Value.Flags.Contains(filter.Flag.Value)) &&
            (filter.Location is null || string.Equals(p.Value.Location, filter.Location, StringComparison.OrdinalIgnoreCase)) &&
            (filter.MinAgeDays is null || building.AgeDays(p.Value.ArrivedAt, now) >= filter.MinAgeDays));
        return new DeskList([.. filtered], page.Continuation, counts, building);
    }

    public async Task<UnitList> UnitAsync(string buildingId, string unitId, bool history, string? continuation, CancellationToken cancellationToken)
    {
        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var page = history
            ? await store.QueryAsync<PackageDocument>(PackageQueries.ClosedOfUnit, buildingId, new QueryArgs
            {
                [PackageQueries.UnitId] = unitId,
                [PackageQueries.States] = new[] { PackageQueries.Wire(PackageState.Released), PackageQueries.Wire(PackageState.Returned), PackageQueries.Wire(PackageState.Missing) },
            }, Page, continuation, cancellationToken).ConfigureAwait(false)
            : await store.QueryAsync<PackageDocument>(PackageQueries.OpenOfUnit, buildingId, new QueryArgs
            {
                [PackageQueries.UnitId] = unitId,
                [PackageQueries.State] = PackageQueries.Wire(PackageState.Waiting),
            }, OpenCap, continuation, cancellationToken).ConfigureAwait(false);
        return new UnitList(page.Items, page.Continuation, building);
    }

    /// <summary>The chain of custody, oldest first: each step, and the notices its event caused (with their outcome).</summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(PackageDocument package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var eventIds = package.History.Select(h => h.EventId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var notices = eventIds.Count == 0
            ? []
            : await store.QueryAllAsync<NoticeDocument>(NoticeQueries.OfEventsInBuilding, package.BuildingId, NoticeQueries.EventsArgs(eventIds), cancellationToken).ConfigureAwait(false);
        var items = new List<TimelineItem>();
        foreach (var step in package.History)
        {
            var caused = notices.Where(n => n.EventId == step.EventId).ToList();
            // A notice step is shown by its notices (one per member, with the outcome); a reminder that
            // reached no one (every member turned reminders off) still shows as a step.
            var shownByNotices = step.Step == PackageStep.Notified || (step.Step is PackageStep.Reminder or PackageStep.FinalNotice && caused.Count > 0);
            if (!shownByNotices)
            {
                items.Add(new TimelineItem(step.At, "step", step, null));
            }

            items.AddRange(caused.Select(n => new TimelineItem(n.SentAt ?? n.UpdatedAt, "notice", step, n)));
        }

        return [.. items.OrderBy(i => i.At)];
    }

    /// <summary>
    /// The desk's counts, each counted by the store: reading every waiting package to count it was the
    /// desk list's cost (docs/benchmarks.md §5). A package is overdue from the start of the building day on
    /// which its age reaches the building's « overdue after » days; « released today » is since local midnight.
    /// </summary>
    private async Task<DeskCounts> CountsAsync(string buildingId, BuildingPackageSettings building, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = building.LocalDate(now);
        var overdueBefore = building.Planner.ToInstant(today.AddDays(1 - building.Settings.OverdueAfterDays), TimeOnly.MinValue);
        var waiting = PackageQueries.Wire(PackageState.Waiting);
        return new DeskCounts(
            await store.CountAsync(PackageQueries.OpenByState, buildingId, PackageQueries.StateArgs(PackageState.Waiting), cancellationToken).ConfigureAwait(false),
            await store.CountAsync(PackageQueries.OpenArrivedBefore, buildingId, new QueryArgs { [PackageQueries.State] = waiting, [PackageQueries.Before] = overdueBefore }, cancellationToken).ConfigureAwait(false),
            await store.CountAsync(PackageQueries.OpenByState, buildingId, PackageQueries.StateArgs(PackageState.UnknownRecipient), cancellationToken).ConfigureAwait(false),
            await store.CountAsync(
                PackageQueries.ClosedSince,
                buildingId,
                new QueryArgs { [PackageQueries.State] = PackageQueries.Wire(PackageState.Released), [PackageQueries.Since] = building.Planner.ToInstant(today, TimeOnly.MinValue) },
                cancellationToken).ConfigureAwait(false));
    }
}
