using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Units;

public static class UnitQueries
{
    /// <summary>The roster in building order.</summary>
    public static readonly QuerySpec Roster = new(
        "units-roster",
        Containers.Buildings,
        "unit",
        [],
        new QuerySort("sortKey"));

    public static IEnumerable<QuerySpec> All => [Roster];
}
