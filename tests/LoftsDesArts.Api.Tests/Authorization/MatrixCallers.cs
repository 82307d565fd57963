using System.Collections.Concurrent;
using LoftsDesArts.Core.Access;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>The kinds of caller the matrix walks every route with, in the order of the table's columns.</summary>
public enum CallerKind
{
    /// <summary>No account, no session.</summary>
    Anonymous,

    /// <summary>Registered with a code in the home building, email never verified: sign-in refuses them a session.</summary>
    Unverified,

    /// <summary>Resident of unit 101 of the home building.</summary>
    ResidentA,

    /// <summary>Resident of another unit (102) of the same building.</summary>
    ResidentB,

    /// <summary>Resident of another building.</summary>
    ResidentElsewhere,

    FrontDesk,
    Manager,
    Admin,
    Board,

    /// <summary>A manager of another building.</summary>
    ManagerElsewhere,
}

/// <summary>
/// One caller of the matrix: who they are, their credentials, the cookies of their main session (signed in
/// through the API) and the client address their requests come from.
/// </summary>
public sealed class Caller(CallerKind kind, string address)
{
    public CallerKind Kind { get; } = kind;

    public string Address { get; } = address;

    public string? UserId { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? TotpSecret { get; set; }

    /// <summary>The building the caller belongs to (resident or staff); null for anonymous.</summary>
    public string? BuildingId { get; set; }

    public string? UnitId { get; set; }

    public Role? Role { get; set; }

    /// <summary>The Cookie header of the main session; null for callers without one.</summary>
    public string? Cookie { get; set; }

    public string? SessionId { get; set; }

    /// <summary>Set when a case ended every session of the account; the next case signs the caller in again.</summary>
    public bool MainSessionEnded { get; set; }

    public bool HasSession => Cookie is not null;

    public bool IsStaff => Role is { } role && role != Core.Access.Role.Resident;

    public override string ToString() => Kind.ToString();
}

public enum IdKind
{
    Building,
    Session,

    /// <summary>A resident's or registrant's user id or email address.</summary>
    Person,

    /// <summary>A staff member's user id or email address.</summary>
    Staff,

    Registration,
    Code,
    DeadLetter,

    /// <summary>A failed email of the building (its id names the event and the recipient's user id).</summary>
    Notice,

    /// <summary>A staff invitation's id or the address it was sent to.</summary>
    Invitation,

    /// <summary>A package's id: its unit's residents and the building's desk see it.</summary>
    Package,

    /// <summary>A tracking number a unit expects: its residents and the building's desk see it.</summary>
    ExpectedPackage,

    /// <summary>A resident's pickup code: theirs alone (the desk is shown it, it never reads it back).</summary>
    PickupCode,
}

/// <summary>An id (or email address) the matrix knows, whose it is and which building (and unit, for package data) it belongs to.</summary>
public sealed record KnownId(string Value, IdKind Kind, string? BuildingId, string? OwnerUserId, string? UnitId = null);

/// <summary>
/// Every id the tests created, and the hand-written rule of who may see which (DESIGN §3.7, §3.10): one's
/// own ids; the building ids of the public directory; the people of a building for the staff who read its
/// roster (front desk, manager, admin); its registrations, codes and dead letters for those who review and
/// operate (manager, admin); its staff members and staff invitations for those who manage staff (admin
/// alone); a unit's packages and expected tracking numbers for its residents and the building's desk
/// (front desk, manager, admin: HandlePackages). Nobody sees another account's session ids or pickup
/// code, and no staff member's ids appear to anyone else.
/// Unit numbers are left out: they are short, shared across buildings and not personal.
/// </summary>
public sealed class IdRegistry
{
    private static readonly HashSet<CallerKind> RosterReaders = [CallerKind.FrontDesk, CallerKind.Manager, CallerKind.Admin];
    private static readonly HashSet<CallerKind> Reviewers = [CallerKind.Manager, CallerKind.Admin];
    private static readonly HashSet<CallerKind> StaffManagers = [CallerKind.Admin];
    private static readonly HashSet<CallerKind> PackageHandlers = [CallerKind.FrontDesk, CallerKind.Manager, CallerKind.Admin];

    /// <summary>Routes whose answers list building ids to anyone by design (the public directory).</summary>
    private static readonly HashSet<string> PublicDirectoryRoutes = ["ListPublicBuildings", "GetPublicBuilding"];

    private readonly ConcurrentDictionary<string, KnownId> _ids = new(StringComparer.Ordinal);

    public void Add(string? value, IdKind kind, string? buildingId, string? ownerUserId, string? unitId = null)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _ids.TryAdd(value, new KnownId(value, kind, buildingId, ownerUserId, unitId));
        }
    }

    /// <summary>A package of unknown recipient given its unit: from now on the unit's residents see it.</summary>
    public void MoveToUnit(string value, string unitId) =>
        _ids.AddOrUpdate(value, _ => throw new InvalidOperationException($"{value} is not a known id"), (_, known) => known with { UnitId = unitId });

    public IReadOnlyList<KnownId> ForeignTo(Caller caller, string routeName) =>
        [.. _ids.Values.Where(id => !VisibleTo(id, caller, routeName))];

    private static bool VisibleTo(KnownId id, Caller caller, string routeName)
    {
        if (id.OwnerUserId is not null && id.OwnerUserId == caller.UserId)
        {
            return true;
        }

        // Without a session the server does not know who is calling: only public data can come back.
        var building = caller.HasSession ? caller.BuildingId : null;
        return id.Kind switch
        {
            IdKind.Building => PublicDirectoryRoutes.Contains(routeName) || building is null || building == id.BuildingId,
            IdKind.Session => false,
            IdKind.Staff or IdKind.Invitation => building == id.BuildingId && StaffManagers.Contains(caller.Kind),
            IdKind.Person => building == id.BuildingId && RosterReaders.Contains(caller.Kind),
            IdKind.Registration or IdKind.Code or IdKind.DeadLetter or IdKind.Notice => building == id.BuildingId && Reviewers.Contains(caller.Kind),
            IdKind.Package or IdKind.ExpectedPackage => building == id.BuildingId
                && (PackageHandlers.Contains(caller.Kind) || (caller.Role == Core.Access.Role.Resident && caller.UnitId == id.UnitId)),
            IdKind.PickupCode => false,
            _ => false,
        };
    }
}
