using LoftsDesArts.Core.Access;

namespace LoftsDesArts.Core.Realtime;

/// <summary>
/// Which push groups a membership belongs to: staff of a building hear the building's staff group,
/// a resident hears their unit's group. Negotiate joins these; a role change leaves the old ones.
/// </summary>
public static class RealtimeMemberships
{
    public static string? GroupOf(Membership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.Role.IsStaff())
        {
            return RealtimeGroups.BuildingStaff(membership.BuildingId);
        }

        return membership.UnitId is { Length: > 0 } unitId ? RealtimeGroups.Unit(membership.BuildingId, unitId) : null;
    }

    /// <summary>The caller's groups from their memberships active at <paramref name="now"/>, each once, sorted.</summary>
    public static IReadOnlyList<string> GroupsOf(CallerPrincipal principal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Memberships
            .Where(m => m.IsActiveAt(now))
            .Select(GroupOf)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
