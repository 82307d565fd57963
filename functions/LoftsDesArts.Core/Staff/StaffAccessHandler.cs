using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Staff;

/// <summary>
/// After a staff member's role changes or they are removed (DESIGN §4): takes them out of the
/// building's real-time staff group and closes their connections, so that a client reconnects and
/// negotiates again with what its memberships now allow; and, when no membership is left, ends every
/// session of the account. Idempotent: it acts on the memberships as they are when it runs.
/// </summary>
public sealed class StaffAccessHandler(IDocumentStore store, IRealtimePublisher realtime, SessionService sessions, PrincipalCache principals) : IFeedHandler
{
    public string Name => "staff-access";

    public ContainerSpec Container => Containers.Users;

    public bool Wants(string kind) => kind == IdentityEvents.MembershipsChanged;

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var userId = evt.UserId!;
        if (evt.Get("buildingId") is { } buildingId)
        {
            await realtime.RemoveUserFromGroupAsync(userId, RealtimeGroups.BuildingStaff(buildingId), cancellationToken).ConfigureAwait(false);
        }

        await realtime.CloseUserConnectionsAsync(userId, cancellationToken).ConfigureAwait(false);
        var memberships = await store.ReadAsync<UserMemberships>(Containers.Users, userId, UserMemberships.DocumentId, cancellationToken).ConfigureAwait(false);
        if (memberships is null || memberships.Value.Items.Count == 0)
        {
            await sessions.RevokeAllAsync(userId, "memberships-removed", cancellationToken).ConfigureAwait(false);
            principals.Forget(userId);
        }
    }
}
