using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Events;

/// <summary>
/// Dead letters live in the leases container, partitioned by their own id, so listing them is a
/// cross-partition admin query; it is filtered to one building, whose staff see only theirs.
/// </summary>
public static class DeadLetterQueries
{
    public const string BuildingParameter = "buildingId";

    /// <summary>A building's dead letters, most recent failure first.</summary>
    public static readonly QuerySpec ByBuilding = new(
        "dead-letters.by-building",
        Containers.Leases,
        DeadLetterDocument.DocumentType,
        [new QueryFilter("buildingId", FilterOperator.Equal, BuildingParameter)],
        new QuerySort("lastFailedAt", Descending: true),
        CrossPartition: true);

    public static readonly IReadOnlyList<QuerySpec> All = [ByBuilding];

    public static QueryArgs ByBuildingArgs(string buildingId) => new() { [BuildingParameter] = buildingId };
}
