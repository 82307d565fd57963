using System.Globalization;
using System.Security.Claims;
using LoftsDesArts.Infrastructure.Local.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LoftsDesArts.SelfHost.Realtime;

/// <summary>
/// The self-host's in-process hub at <see cref="Path"/>. Clients only listen: the hub declares no
/// client-callable method, so anything a client invokes fails with "method does not exist", and every
/// action goes through the HTTP API. A connection joins the groups its token names, minus any the user
/// was removed from after the token was issued.
/// </summary>
[Authorize(Policy = RealtimeTokenAuthentication.PolicyName)]
public sealed class PortalHub(RealtimeConnectionTracker tracker) : Hub
{
    public const string Path = "/hubs/portal";

    public override async Task OnConnectedAsync()
    {
        var ticket = TicketOf(Context.User);
        if (ticket is null)
        {
            Context.Abort();
            return;
        }

        var groups = Groups;
        var connectionId = Context.ConnectionId;
        var accepted = await tracker.ConnectAsync(
            ticket,
            Context,
            group => groups.AddToGroupAsync(connectionId, group, Context.ConnectionAborted),
            Context.ConnectionAborted).ConfigureAwait(false);
        if (!accepted)
        {
            Context.Abort();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception) =>
        Context.UserIdentifier is { } userId
            ? tracker.DisconnectAsync(userId, Context.ConnectionId)
            : Task.CompletedTask;

    private static RealtimeTicket? TicketOf(ClaimsPrincipal? user)
    {
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var issuedAt = user?.FindFirstValue(RealtimeTokenAuthentication.IssuedAtClaim);
        var expiresAt = user?.FindFirstValue(RealtimeTokenAuthentication.ExpiresAtClaim);
        if (string.IsNullOrEmpty(userId)
            || !long.TryParse(issuedAt, NumberStyles.None, CultureInfo.InvariantCulture, out var iat)
            || !long.TryParse(expiresAt, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            return null;
        }

        var groups = user!.FindAll(RealtimeTokenService.GroupClaim).Select(c => c.Value).ToList();
        return new RealtimeTicket(userId, groups, DateTimeOffset.FromUnixTimeMilliseconds(iat), DateTimeOffset.FromUnixTimeMilliseconds(exp));
    }
}
