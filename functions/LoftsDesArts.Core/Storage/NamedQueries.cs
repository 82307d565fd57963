using LoftsDesArts.Core.Events;

namespace LoftsDesArts.Core.Storage;

/// <summary>
/// Every named query of the portal. Adapters derive their indexes from this list at start-up, and the
/// adapter tests check that each one is served by an index: a feature adds its specs here.
/// </summary>
public static class NamedQueries
{
    public static IReadOnlyList<QuerySpec> All { get; } =
    [
        .. ImportJobQueries.All,
        .. Identity.IdentityQueries.All,
        .. Registrations.RegistrationQueries.All,
        .. Units.UnitQueries.All,
        .. Staff.StaffQueries.All,
        Audit.AuditLog.Month,
        .. Notices.NoticeQueries.All,
        .. DeadLetterQueries.All,
        .. Packages.PackageQueries.All,
    ];
}
