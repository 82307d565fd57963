namespace LoftsDesArts.Core.Access;

/// <summary>
/// One grant: a role in a building, for a unit when the role is <see cref="Role.Resident"/>,
/// optionally until a date. A person may hold several (two units, two buildings).
/// </summary>
public sealed record Membership(string BuildingId, string? UnitId, Role Role, DateTimeOffset? ExpiresAt = null, bool OwnerConfirmed = false)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
