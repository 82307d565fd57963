using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>The desk's filters; all optional. The waiting list is small (hundreds), so they apply in memory over one partition query.</summary>
public sealed record DeskFilter(PackageState State, string? UnitId, Carrier? Carrier, PackageFlag? Flag, string? Location, int? MinAgeDays, string? Continuation);

public sealed record DeskCounts(int Waiting, int Overdue, int UnknownRecipient, int ReleasedToday);

public sealed record DeskList(IReadOnlyList<Stored<PackageDocument>> Items, string? Continuation, DeskCounts Counts, BuildingPackageSettings Building);

public sealed record UnitList(IReadOnlyList<Stored<PackageDocument>> Items, string? Continuation, BuildingPackageSettings Building);

/// <summary>One line of a package's chain of custody: a history step, or a notice one of its events caused.</summary>
public sealed record TimelineItem(DateTimeOffset At, string Kind, PackageHistoryEntry? Step, NoticeDocument? Notice);

/// <summary>Reads for the desk's lists, a unit's lists and a package's timeline.</summary>
public sealed class PackageLists(IDocumentStore store, PackageSettingsService settings, TimeProvider clock)
{
    private const int ClosedPage = 50;

    /// <summary>The open lists hold at most this many; past it the desk has a bigger problem than paging.</summary>
    private const int OpenCap = 2000;

    public async Task<DeskList> DeskAsync(string buildingId, DeskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var waiting = await OpenAsync(buildingId, PackageState.Waiting, cancellationToken).ConfigureAwait(false);
        var unknown = await OpenAsync(buildingId, PackageState.UnknownRecipient, cancellationToken).ConfigureAwait(false);
        var counts = new DeskCounts(
            waiting.Count,
            waiting.Count(p => building.AgeDays(p.Value.ArrivedAt, now) >= building.Settings.OverdueAfterDays),
            unknown.Count,
            await ReleasedTodayAsync(buildingId, building, now, cancellationToken).ConfigureAwait(false));

        IReadOnlyList<Stored<PackageDocument>> items;
        string? continuation = null;
        switch (filter.State)
        {
            case PackageState.Waiting:
                items = waiting;
                break;
            case PackageState.UnknownRecipient:
                items = unknown;
                break;
            default:
                var page = filter.State == PackageState.Released
                    ? await store.QueryAsync<PackageDocument>(PackageQueries.ReleasedByState, buildingId, PackageQueries.StateArgs(PackageState.Released), ClosedPage, filter.Continuation, cancellationToken).ConfigureAwait(false)
                    : await store.QueryAsync<PackageDocument>(PackageQueries.ClosedByState, buildingId, PackageQueries.StatesArgs(PackageState.Returned, PackageState.Missing), ClosedPage, filter.Continuation, cancellationToken).ConfigureAwait(false);
                items = page.Items;
                continuation = page.Continuation;
                break;
        }

        var filtered = items.Where(p =>
            (filter.UnitId is null || p.Value.UnitId == filter.UnitId) &&
            (filter.Carrier is null || p.Value.Carrier == filter.Carrier) &&
            (filter.Flag is null || p.Value.Flags.Contains(filter.Flag.Value)) &&
            (filter.Location is null || string.Equals(p.Value.Location, filter.Location, StringComparison.OrdinalIgnoreCase)) &&
            (filter.MinAgeDays is null || building.AgeDays(p.Value.ArrivedAt, now) >= filter.MinAgeDays));
        return new DeskList([.. filtered], continuation, counts, building);
    }

    public async Task<UnitList> UnitAsync(string buildingId, string unitId, bool history, string? continuation, CancellationToken cancellationToken)
    {
        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var page = history
            ? await store.QueryAsync<PackageDocument>(PackageQueries.ClosedOfUnit, buildingId, new QueryArgs
            {
                [PackageQueries.UnitId] = unitId,
                [PackageQueries.States] = new[] { PackageQueries.Wire(PackageState.Released), PackageQueries.Wire(PackageState.Returned), PackageQueries.Wire(PackageState.Missing) },
            }, ClosedPage, continuation, cancellationToken).ConfigureAwait(false)
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

    private async Task<IReadOnlyList<Stored<PackageDocument>>> OpenAsync(string buildingId, PackageState state, CancellationToken cancellationToken) =>
        (await store.QueryAsync<PackageDocument>(PackageQueries.OpenByState, buildingId, PackageQueries.StateArgs(state), OpenCap, null, cancellationToken).ConfigureAwait(false)).Items;

    private async Task<int> ReleasedTodayAsync(string buildingId, BuildingPackageSettings building, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = building.LocalDate(now);
        var count = 0;
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<PackageDocument>(PackageQueries.ReleasedByState, buildingId, PackageQueries.StateArgs(PackageState.Released), 20, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var package in page.Items)
            {
                if (package.Value.ClosedAt is not { } closed || building.LocalDate(closed) != today)
                {
                    return count;
                }

                count++;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
        return count;
    }
}
