using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Access;

public enum AccountKind
{
    Resident,
    Staff,
}

/// <summary>
/// Who is calling, as established by the session and the membership store (cached at most 5 s).
/// Partition keys for store calls come from these memberships, never from a request body.
/// </summary>
public sealed record CallerPrincipal(
    string UserId,
    string SessionId,
    AccountKind Kind,
    bool EmailVerified,
    Language Language,
    IReadOnlyList<Membership> Memberships)
{
    /// <summary>The desk terminal's idle lock is on: only unlock and sign-out are reachable.</summary>
    public bool SessionLocked { get; init; }

    public bool Can(string buildingId, Capability capability) =>
        Memberships.Any(m => m.BuildingId == buildingId && AccessPolicy.Allows(m.Role, capability));

    public bool IsResidentOf(string buildingId, string unitId) =>
        Memberships.Any(m => m.BuildingId == buildingId && m.Role == Role.Resident && m.UnitId == unitId);

    public bool IsMemberOf(string buildingId) => Memberships.Any(m => m.BuildingId == buildingId);

    public bool IsStaffOf(string buildingId) => Memberships.Any(m => m.BuildingId == buildingId && m.Role.IsStaff());
}
