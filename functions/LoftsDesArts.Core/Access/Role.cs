namespace LoftsDesArts.Core.Access;

/// <summary>
/// A person's role in one building. Residents hold it with a unit; staff without one.
/// Owner rights are a confirmed flag on a resident membership, not a role of their own,
/// because staff confirm them after the fact (issue 2, B1).
/// </summary>
public enum Role
{
    Resident,
    FrontDesk,
    Manager,
    Admin,
    Board,
}

public static class Roles
{
    public static bool IsStaff(this Role role) => role is not Role.Resident;
}
