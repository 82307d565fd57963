using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Staff;

public static class StaffQueries
{
    /// <summary>The building's staff members, longest-serving first (single partition: the building).</summary>
    public static readonly QuerySpec MembersOfBuilding = new(
        "staff-of-building",
        Containers.Buildings,
        "staff-member",
        [],
        new QuerySort("since"));

    /// <summary>The building's staff invitations, newest first.</summary>
    public static readonly QuerySpec InvitationsOfBuilding = new(
        "staff-invitations-of-building",
        Containers.Buildings,
        "staff-invitation",
        [],
        new QuerySort("invitedAt", Descending: true));

    public static IEnumerable<QuerySpec> All => [MembersOfBuilding, InvitationsOfBuilding];
}

/// <summary>Event kinds of the staff feature.</summary>
public static class StaffEvents
{
    /// <summary>An invitation was created (building partition): send its email.</summary>
    public const string Invited = "staff.invited";
}
