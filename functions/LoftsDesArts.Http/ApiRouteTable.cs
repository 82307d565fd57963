using LoftsDesArts.Http.Events;
using LoftsDesArts.Http.Health;
using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Me;
using LoftsDesArts.Http.Notices;
using LoftsDesArts.Http.Packages;
using LoftsDesArts.Http.Pipeline;
using LoftsDesArts.Http.Public;
using LoftsDesArts.Http.Realtime;
using LoftsDesArts.Http.Registrations;
using LoftsDesArts.Http.Setup;
using LoftsDesArts.Http.Staff;
using LoftsDesArts.Http.Units;

namespace LoftsDesArts.Http;

/// <summary>
/// Every route of the portal's API. The self-host maps this list; the Functions app declares one
/// function per entry by hand, and the parity test checks the two against each other.
/// </summary>
public static class ApiRouteTable
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        .. HealthRoutes.All,
        .. PublicRoutes.All,
        .. AuthRoutes.All,
        .. EntraRoutes.All,
        .. MeRoutes.All,
        .. RegistrationRoutes.All,
        .. UnitRoutes.All,
        .. SetupRoutes.All,
        .. StaffRoutes.All,
        .. InvitationRoutes.All,
        .. RealtimeRoutes.All,
        .. DeadLetterRoutes.All,
        .. NoticeRoutes.All,
        .. PackageDeskRoutes.All,
        .. UnitPackageRoutes.All,
        .. PackagePhotoRoutes.All,
    ];
}
