using LoftsDesArts.Core.Realtime;

namespace LoftsDesArts.Infrastructure.Azure.Realtime;

/// <summary>Pushes and membership changes through SignalR Service's REST API.</summary>
public sealed class SignalRServicePublisher(SignalRServiceClient client) : IRealtimePublisher
{
    public Task SendToUserAsync(string userId, RealtimeMessage message, CancellationToken cancellationToken) =>
        client.SendToUserAsync(userId, message, cancellationToken);

    public Task SendToGroupAsync(string group, RealtimeMessage message, CancellationToken cancellationToken) =>
        client.SendToGroupAsync(group, message, cancellationToken);

    public Task AddUserToGroupAsync(string userId, string group, CancellationToken cancellationToken) =>
        client.AddUserToGroupAsync(userId, group, cancellationToken);

    public Task RemoveUserFromGroupAsync(string userId, string group, CancellationToken cancellationToken) =>
        client.RemoveUserFromGroupAsync(userId, group, cancellationToken);

    public Task CloseUserConnectionsAsync(string userId, CancellationToken cancellationToken) =>
        client.CloseUserConnectionsAsync(userId, cancellationToken);
}
