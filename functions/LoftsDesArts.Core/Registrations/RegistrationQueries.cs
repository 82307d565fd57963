using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Registrations;

public static class RegistrationQueries
{
    /// <summary>Registrations by status, oldest first: the staff's waiting list.</summary>
    public static readonly QuerySpec ByStatus = new(
        "registrations-by-status",
        Containers.Buildings,
        "registration",
        [new QueryFilter("status", FilterOperator.Equal, "status")],
        new QuerySort("submittedAt"));

    /// <summary>A unit's registration codes, newest first.</summary>
    public static readonly QuerySpec CodesOfUnit = new(
        "registration-codes-of-unit",
        Containers.Buildings,
        "registration-code",
        [new QueryFilter("unitId", FilterOperator.Equal, "unitId")],
        new QuerySort("issuedAt", Descending: true));

    /// <summary>The building's residents in unit order.</summary>
    public static readonly QuerySpec Residents = new(
        "residents-of-building",
        Containers.Buildings,
        "resident",
        [],
        new QuerySort("unitId"));

    /// <summary>A user's registrations in one building (to show a pending request after sign-in).</summary>
    public static readonly QuerySpec OfUser = new(
        "registrations-of-user",
        Containers.Buildings,
        "registration",
        [new QueryFilter("userId", FilterOperator.Equal, "userId")],
        new QuerySort("submittedAt", Descending: true));

    /// <summary>The residents of one unit (who the unit's package notices go to).</summary>
    public static readonly QuerySpec ResidentsOfUnit = new(
        "residents-of-unit",
        Containers.Buildings,
        "resident",
        [new QueryFilter("unitId", FilterOperator.Equal, "unitId")],
        new QuerySort("since"));

    public static IEnumerable<QuerySpec> All => [ByStatus, CodesOfUnit, Residents, OfUser, ResidentsOfUnit];
}
