using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Notices;

/// <summary>
/// The notices' named queries. States are stored as camelCase strings and instants as fixed-width
/// UTC text, so pass <see cref="StateArg"/> and <see cref="StoreJson.Instant"/> values as arguments.
/// </summary>
public static class NoticeQueries
{
    public const string StatesParameter = "states";
    public const string StateParameter = "state";
    public const string NowParameter = "now";
    public const string EventIdsParameter = "eventIds";

    /// <summary>
    /// Pending notices whose time has come, and sending ones whose claim has lapsed (the process
    /// died after claiming): state IN (pending, sending) AND nextAttemptAt &lt;= now, oldest first.
    /// A system job's query, so across partitions; one per container that holds events.
    /// </summary>
    public static readonly QuerySpec DueInBuildings = Due(Containers.Buildings);

    /// <inheritdoc cref="DueInBuildings"/>
    public static readonly QuerySpec DueInUsers = Due(Containers.Users);

    /// <summary>Failed notices of one building, newest first: the staff view.</summary>
    public static readonly QuerySpec FailedInBuilding = new(
        "notices.failed.building",
        Containers.Buildings,
        NoticeDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.Equal, StateParameter)],
        new QuerySort("updatedAt", Descending: true));

    /// <summary>Failed account notices (verification, sign-in codes) across users, newest first: an admin query.</summary>
    public static readonly QuerySpec FailedInUsers = new(
        "notices.failed.users",
        Containers.Users,
        NoticeDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.Equal, StateParameter)],
        new QuerySort("updatedAt", Descending: true),
        CrossPartition: true);

    /// <summary>The notices some events of one building caused (a package's timeline), oldest first.</summary>
    public static readonly QuerySpec OfEventsInBuilding = new(
        "notices.of-events.building",
        Containers.Buildings,
        NoticeDocument.DocumentType,
        [new QueryFilter("eventId", FilterOperator.In, EventIdsParameter)],
        new QuerySort("createdAt"));

    /// <summary>Every notice query, for the store's index derivation (register with the other named queries).</summary>
    public static readonly IReadOnlyList<QuerySpec> All = [DueInBuildings, DueInUsers, FailedInBuilding, FailedInUsers, OfEventsInBuilding];

    public static QueryArgs EventsArgs(IEnumerable<string> eventIds) => new() { [EventIdsParameter] = eventIds.ToArray() };

    public static QuerySpec DueIn(ContainerSpec container) =>
        container == Containers.Buildings ? DueInBuildings
        : container == Containers.Users ? DueInUsers
        : throw new ArgumentException($"Container {container.Name} holds no notices.", nameof(container));

    /// <summary>The stored form of a state (camelCase, as <see cref="StoreJson.Options"/> writes enums).</summary>
    public static string StateArg(NoticeState state) => state switch
    {
        NoticeState.Pending => "pending",
        NoticeState.Sending => "sending",
        NoticeState.Sent => "sent",
        NoticeState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static QueryArgs DueArgs(DateTimeOffset now) => new()
    {
        [StatesParameter] = new[] { StateArg(NoticeState.Pending), StateArg(NoticeState.Sending) },
        [NowParameter] = StoreJson.Instant(now),
    };

    public static QueryArgs FailedArgs() => new() { [StateParameter] = StateArg(NoticeState.Failed) };

    private static QuerySpec Due(ContainerSpec container) => new(
        $"notices.due.{container.Name}",
        container,
        NoticeDocument.DocumentType,
        [
            new QueryFilter("state", FilterOperator.In, StatesParameter),
            new QueryFilter("nextAttemptAt", FilterOperator.LessThanOrEqual, NowParameter),
        ],
        new QuerySort("nextAttemptAt"),
        CrossPartition: true);
}
