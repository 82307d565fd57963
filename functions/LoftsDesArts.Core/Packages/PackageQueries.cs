using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>The package feature's reads; all single-partition (the building's), so the desk list is one partition.</summary>
public static class PackageQueries
{
    public const string State = "state";
    public const string States = "states";
    public const string UnitId = "unitId";
    public const string TrackingNumber = "trackingNumber";
    public const string ShortId = "shortId";
    public const string Before = "before";
    public const string Since = "since";

    /// <summary>The desk's open lists (waiting, unknown recipient), oldest first.</summary>
    public static readonly QuerySpec OpenByState = new(
        "packages-open-by-state", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.Equal, State)],
        new QuerySort("arrivedAt"));

    /// <summary>Open packages that arrived before an instant: counted for the desk's « overdue ».</summary>
    public static readonly QuerySpec OpenArrivedBefore = new(
        "packages-open-arrived-before", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.Equal, State), new QueryFilter("arrivedAt", FilterOperator.LessThan, Before)],
        new QuerySort("arrivedAt"));

    /// <summary>Packages closed (released, returned…) since an instant: counted for the desk's « released today ».</summary>
    public static readonly QuerySpec ClosedSince = new(
        "packages-closed-since", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.Equal, State), new QueryFilter("closedAt", FilterOperator.GreaterThanOrEqual, Since)],
        new QuerySort("closedAt", Descending: true));

    /// <summary>
    /// The desk's released list, most recent first. An equality on the state, so the index gives the page in
    /// order: with an IN list SQLite would sort every released package of the building's history for each page.
    /// </summary>
    public static readonly QuerySpec ReleasedByState = new(
        "packages-released-by-state", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.Equal, State)],
        new QuerySort("closedAt", Descending: true));

    /// <summary>The desk's exceptions list (returned or missing), most recent first.</summary>
    public static readonly QuerySpec ClosedByState = new(
        "packages-closed-by-state", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("state", FilterOperator.In, States)],
        new QuerySort("closedAt", Descending: true));

    /// <summary>A unit's waiting packages, newest first.</summary>
    public static readonly QuerySpec OpenOfUnit = new(
        "packages-open-of-unit", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("unitId", FilterOperator.Equal, UnitId), new QueryFilter("state", FilterOperator.Equal, State)],
        new QuerySort("arrivedAt", Descending: true));

    /// <summary>A unit's history (released, returned, missing), most recent first.</summary>
    public static readonly QuerySpec ClosedOfUnit = new(
        "packages-closed-of-unit", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("unitId", FilterOperator.Equal, UnitId), new QueryFilter("state", FilterOperator.In, States)],
        new QuerySort("closedAt", Descending: true));

    /// <summary>Packages with a tracking number (a repeated scan warns instead of logging twice).</summary>
    public static readonly QuerySpec ByTracking = new(
        "packages-by-tracking", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("trackingNumber", FilterOperator.Equal, TrackingNumber)],
        new QuerySort("arrivedAt", Descending: true));

    /// <summary>The package a label's short id names.</summary>
    public static readonly QuerySpec ByShortId = new(
        "packages-by-short-id", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("shortId", FilterOperator.Equal, ShortId)]);

    /// <summary>Waiting packages whose next reminder has come.</summary>
    public static readonly QuerySpec ReminderDue = DueQueries.For("packages-reminder-due", Containers.Buildings, PackageDocument.DocumentType, crossPartition: false);

    /// <summary>Units with arrivals to announce.</summary>
    public static readonly QuerySpec ArrivalsDue = DueQueries.For("package-arrivals-due", Containers.Buildings, ArrivalDigestDocument.DocumentType, crossPartition: false);

    /// <summary>Released packages whose photo's retention has passed.</summary>
    public static readonly QuerySpec PhotoPurgeDue = new(
        "packages-photo-purge-due", Containers.Buildings, PackageDocument.DocumentType,
        [new QueryFilter("photoPurgeAt", FilterOperator.LessThanOrEqual, DueQueries.DueParameter)],
        new QuerySort("photoPurgeAt"));

    public static readonly QuerySpec ExpectedOfUnit = new(
        "expected-packages-of-unit", Containers.Buildings, ExpectedPackageDocument.DocumentType,
        [new QueryFilter("unitId", FilterOperator.Equal, UnitId)],
        new QuerySort("createdAt", Descending: true));

    public static readonly QuerySpec ExpectedByTracking = new(
        "expected-packages-by-tracking", Containers.Buildings, ExpectedPackageDocument.DocumentType,
        [new QueryFilter("trackingNumber", FilterOperator.Equal, TrackingNumber)],
        new QuerySort("createdAt", Descending: true));

    public static IEnumerable<QuerySpec> All =>
        [OpenByState, OpenArrivedBefore, ClosedSince, ReleasedByState, ClosedByState, OpenOfUnit, ClosedOfUnit, ByTracking, ByShortId, ReminderDue, ArrivalsDue, PhotoPurgeDue, ExpectedOfUnit, ExpectedByTracking];

    public static string Wire(PackageState state) => state switch
    {
        PackageState.Waiting => "waiting",
        PackageState.UnknownRecipient => "unknown-recipient",
        PackageState.Released => "released",
        PackageState.Returned => "returned",
        PackageState.Missing => "missing",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static QueryArgs StateArgs(PackageState state) => new() { [State] = Wire(state) };

    public static QueryArgs StatesArgs(params PackageState[] states) => new() { [States] = states.Select(Wire).ToArray() };
}
