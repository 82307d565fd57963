namespace LoftsDesArts.Core.Realtime;

/// <summary>
/// A push to browsers. It carries a kind and ids only, never personal data: the client re-fetches
/// the item through the authorized API (DESIGN §4).
/// </summary>
public sealed record RealtimeMessage(string Kind, IReadOnlyDictionary<string, string> Ids);

/// <summary>Server-to-client pushes: in-process hub (self-host) or SignalR Service REST (Azure).</summary>
public interface IRealtimePublisher
{
    Task SendToUserAsync(string userId, RealtimeMessage message, CancellationToken cancellationToken);

    Task SendToGroupAsync(string group, RealtimeMessage message, CancellationToken cancellationToken);

    Task AddUserToGroupAsync(string userId, string group, CancellationToken cancellationToken);

    Task RemoveUserFromGroupAsync(string userId, string group, CancellationToken cancellationToken);

    /// <summary>Closes every connection of a user, after a role change, deactivation or sign-out everywhere.</summary>
    Task CloseUserConnectionsAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>Where a client connects, and with what short-lived token (≤ 5 min).</summary>
public sealed record NegotiateRedirect(Uri Url, string AccessToken);

public interface IRealtimeNegotiator
{
    Task<NegotiateRedirect> NegotiateAsync(string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken);
}

/// <summary>The portal's group names, in one place.</summary>
public static class RealtimeGroups
{
    public static string BuildingStaff(string buildingId) => $"staff.{buildingId}";

    public static string Unit(string buildingId, string unitId) => $"unit.{buildingId}.{unitId}";
}
