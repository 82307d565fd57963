using LoftsDesArts.Http.Events;
using LoftsDesArts.Http.Health;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Http;

/// <summary>
/// Every route of the portal's API. The self-host maps this list; the Functions app declares one
/// function per entry by hand, and the parity test checks the two against each other.
/// </summary>
public static class ApiRouteTable
{
    public static IReadOnlyList<ApiRoute> All { get; } = [.. HealthRoutes.All, .. DeadLetterRoutes.All];
}
