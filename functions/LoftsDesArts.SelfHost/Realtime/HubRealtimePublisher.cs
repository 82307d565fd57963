using LoftsDesArts.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LoftsDesArts.SelfHost.Realtime;

/// <summary>Pushes through the in-process hub; group changes and closes reach open connections.</summary>
public sealed class HubRealtimePublisher(IHubContext<PortalHub> hub, RealtimeConnectionTracker tracker) : IRealtimePublisher
{
    public Task SendToUserAsync(string userId, RealtimeMessage message, CancellationToken cancellationToken) =>
        hub.Clients.User(userId).SendAsync(RealtimeProtocol.PushMethod, message, cancellationToken);

    public Task SendToGroupAsync(string group, RealtimeMessage message, CancellationToken cancellationToken) =>
        hub.Clients.Group(group).SendAsync(RealtimeProtocol.PushMethod, message, cancellationToken);

    public Task AddUserToGroupAsync(string userId, string group, CancellationToken cancellationToken) =>
        tracker.AddToGroupAsync(userId, group, connectionId => hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken), cancellationToken);

    public Task RemoveUserFromGroupAsync(string userId, string group, CancellationToken cancellationToken) =>
        tracker.RemoveFromGroupAsync(userId, group, connectionId => hub.Groups.RemoveFromGroupAsync(connectionId, group, cancellationToken), cancellationToken);

    public Task CloseUserConnectionsAsync(string userId, CancellationToken cancellationToken) =>
        tracker.CloseAsync(userId, cancellationToken);
}
