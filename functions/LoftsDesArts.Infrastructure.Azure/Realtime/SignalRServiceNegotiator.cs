using LoftsDesArts.Core.Realtime;

namespace LoftsDesArts.Infrastructure.Azure.Realtime;

/// <summary>
/// Negotiate in Azure: a client token from the service's <c>:generateToken</c> for the user, and the
/// user joined to their current groups. SignalR Service keeps user-to-group mappings and applies them to
/// the user's connections, present and future, so joining here (idempotent) covers the connection the
/// client is about to open; leaving a group happens when the membership changes
/// (<see cref="IRealtimePublisher.RemoveUserFromGroupAsync"/>).
/// </summary>
public sealed class SignalRServiceNegotiator(SignalRServiceClient client) : IRealtimeNegotiator
{
    public async Task<NegotiateRedirect> NegotiateAsync(string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var token = client.GenerateClientTokenAsync(userId, cancellationToken);
        var joins = groups.Select(group => client.AddUserToGroupAsync(userId, group, cancellationToken));
        await Task.WhenAll(joins.Append(token)).ConfigureAwait(false);
        return new NegotiateRedirect(client.ClientUrl, await token.ConfigureAwait(false));
    }
}
