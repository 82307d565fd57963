using System.Globalization;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Staff;

/// <summary>What an administrator sends: who, with which role, in which language the email goes.</summary>
public sealed record NewStaffInvitation(string Email, string FullName, Role Role, Language Language);

/// <summary>The building's staff and the invitations still open (pending or expired, not accepted or cancelled).</summary>
public sealed record StaffRoster(IReadOnlyList<StaffMemberDocument> Members, IReadOnlyList<StaffInvitationDocument> Invitations);

/// <summary>
/// Managing a building's staff (capability <see cref="Capability.ManageStaff"/>): invitations, role
/// changes and removals. A change writes the building's roster and the account's memberships document,
/// which authorization reads on each request (cached at most 5 s, DESIGN §3.7); the memberships write
/// carries an <see cref="IdentityEvents.MembershipsChanged"/> event in the same batch, from which
/// <see cref="StaffAccessHandler"/> takes the person out of the building's real-time staff group,
/// closes their connections and ends their sessions when no membership is left (DESIGN §4).
/// Nobody changes their own role, and the building always keeps an administrator.
/// </summary>
/// <remarks>
/// Administrators may appoint other administrators. The predecessor's rule ("ADMIN assigns only
/// non-admin roles") lived under a SUPER_ADMIN who appointed administrators; this portal has no
/// operator role in the application, so without it the first administrator could never be relieved or
/// replaced. "Nobody edits a role above their own" still holds: no role is above Admin here.
/// </remarks>
public sealed class StaffService(IDocumentStore store, Accounts accounts, AuditLog audit, PrincipalCache principals, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>How long an answered or expired invitation stays listed before its document expires.</summary>
    private static readonly TimeSpan InvitationRetention = TimeSpan.FromDays(30);

    private const int MaxAttempts = 6;

    public async Task<StaffRoster> ListAsync(string buildingId, string actorUserId, CancellationToken cancellationToken)
    {
        var members = await store.QueryAllAsync<StaffMemberDocument>(StaffQueries.MembersOfBuilding, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        var invitations = await store.QueryAllAsync<StaffInvitationDocument>(StaffQueries.InvitationsOfBuilding, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var open = invitations.Where(i => i.StatusAt(now) is InvitationStatus.Pending or InvitationStatus.Expired).ToList();
        await audit.WriteAsync(buildingId, actorUserId, "staff.read", "staff", buildingId, new Dictionary<string, string> { ["count"] = Count(members.Count) }, cancellationToken).ConfigureAwait(false);
        return new StaffRoster(members, open);
    }

    /// <summary>
    /// Creates an invitation and its event in one batch; the email (with its single-use link) goes out
    /// from <see cref="StaffMailHandler"/>. A pending invitation of the same address is cancelled: the
    /// newest is the one that works.
    /// </summary>
    public async Task<StaffInvitationDocument> InviteAsync(string buildingId, NewStaffInvitation invitation, string actorUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (!invitation.Role.IsStaff())
        {
            throw DomainException.Invalid("role", StaffTexts.NotStaffRole);
        }

        var email = Emails.Normalize(invitation.Email);
        if (await accounts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            var memberships = await store.ReadAsync<UserMemberships>(Containers.Users, existing.Value.UserId, UserMemberships.DocumentId, cancellationToken).ConfigureAwait(false);
            if (memberships?.Value.Items.Any(m => m.BuildingId == buildingId && m.Role.IsStaff()) == true)
            {
                throw DomainException.Conflict("staff-already-member", StaffTexts.AlreadyMember);
            }
        }

        var now = clock.GetUtcNow();
        var invitationId = RandomTokens.Id("inv_");
        var document = new StaffInvitationDocument
        {
            Id = StaffInvitationDocument.IdFor(invitationId),
            BuildingId = buildingId,
            InvitationId = invitationId,
            Email = email,
            FullName = invitation.FullName.Trim(),
            Role = invitation.Role,
            Language = invitation.Language,
            InvitedBy = actorUserId,
            InvitedAt = now,
            ExpiresAt = now + InvitationLifetime,
            Ttl = (int)(InvitationLifetime + InvitationRetention).TotalSeconds,
        };
        var superseded = (await store.QueryAllStoredAsync<StaffInvitationDocument>(StaffQueries.InvitationsOfBuilding, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false))
            .Where(i => i.Value.Email == email && i.Value.StatusAt(now) == InvitationStatus.Pending)
            .Select(i => BatchOperation.Replace(i.Value.Id, i.Value with { RevokedAt = now, Pending = null }, i.ETag));
        var evt = EventDocument.ForBuilding(buildingId, invitationId, StaffEvents.Invited, now, new Dictionary<string, string> { ["invitationId"] = invitationId });
        await store.ExecuteBatchAsync(Containers.Buildings, buildingId,
        [
            BatchOperation.Create(document.Id, document),
            BatchOperation.Create(evt.Id, evt),
            .. superseded,
        ], cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actorUserId, "staff.invited", "staff-invitation", invitationId, new Dictionary<string, string> { ["role"] = RoleName(invitation.Role) }, cancellationToken).ConfigureAwait(false);
        return document;
    }

    public async Task RevokeInvitationAsync(string buildingId, string invitationId, string actorUserId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<StaffInvitationDocument>(Containers.Buildings, buildingId, StaffInvitationDocument.IdFor(invitationId), cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.NotFound("staff-invitation-not-found", StaffTexts.InvitationNotFound);
        if (stored.Value.StatusAt(clock.GetUtcNow()) != InvitationStatus.Pending)
        {
            throw DomainException.Conflict("staff-invitation-closed", StaffTexts.InvitationNotPending);
        }

        try
        {
            await store.ReplaceAsync(Containers.Buildings, buildingId, stored.Value.Id, stored.Value with { RevokedAt = clock.GetUtcNow(), Pending = null }, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
        {
            throw DomainException.Conflict("staff-invitation-closed", StaffTexts.InvitationNotPending);
        }

        await audit.WriteAsync(buildingId, actorUserId, "staff.invitation-revoked", "staff-invitation", invitationId, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StaffMemberDocument> ChangeRoleAsync(string buildingId, string userId, Role role, string actorUserId, CancellationToken cancellationToken)
    {
        if (!role.IsStaff())
        {
            throw DomainException.Invalid("role", StaffTexts.NotStaffRole);
        }

        EnsureNotSelf(userId, actorUserId);
        for (var attempt = 0; ; attempt++)
        {
            var (roster, members) = await ReadRosterAsync(buildingId, cancellationToken).ConfigureAwait(false);
            var member = members.FirstOrDefault(m => m.Value.UserId == userId)
                ?? throw DomainException.NotFound("staff-member-not-found", StaffTexts.MemberNotFound);
            var previous = member.Value.Role;
            var changed = member.Value with { Role = role };
            if (previous != role)
            {
                EnsureAnAdminRemains(members, member.Value, role);
                if (!await TryCommitAsync(buildingId, roster, BatchOperation.Replace(changed.Id, changed, member.ETag), attempt, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
            }

            // Also when the roster already says so: a retry after a failed memberships write converges.
            var wrote = await SetMembershipAsync(buildingId, userId, role, "role-changed", cancellationToken).ConfigureAwait(false);
            if (previous != role || wrote)
            {
                await audit.WriteAsync(buildingId, actorUserId, "staff.role-changed", "user", userId, new Dictionary<string, string> { ["from"] = RoleName(previous), ["to"] = RoleName(role) }, cancellationToken).ConfigureAwait(false);
            }

            return changed;
        }
    }

    public async Task RemoveAsync(string buildingId, string userId, string actorUserId, CancellationToken cancellationToken)
    {
        EnsureNotSelf(userId, actorUserId);
        for (var attempt = 0; ; attempt++)
        {
            var (roster, members) = await ReadRosterAsync(buildingId, cancellationToken).ConfigureAwait(false);
            var member = members.FirstOrDefault(m => m.Value.UserId == userId);
            if (member is not null)
            {
                EnsureAnAdminRemains(members, member.Value, null);
                if (!await TryCommitAsync(buildingId, roster, BatchOperation.Delete(member.Value.Id, member.ETag), attempt, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
            }

            // Without a roster entry, the memberships may still hold the role (a write that failed
            // after the roster's): finish the removal; if there is nothing to remove, it is unknown.
            var wrote = await SetMembershipAsync(buildingId, userId, null, "removed", cancellationToken).ConfigureAwait(false);
            if (member is null && !wrote)
            {
                throw DomainException.NotFound("staff-member-not-found", StaffTexts.MemberNotFound);
            }

            await audit.WriteAsync(buildingId, actorUserId, "staff.removed", "user", userId, member is null ? null : new Dictionary<string, string> { ["role"] = RoleName(member.Value.Role) }, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    private static void EnsureNotSelf(string userId, string actorUserId)
    {
        if (string.Equals(userId, actorUserId, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorKind.Forbidden, "staff-own-role", StaffTexts.OwnRole);
        }
    }

    /// <summary>Refuses a change that would leave the building without an administrator.</summary>
    private static void EnsureAnAdminRemains(IReadOnlyList<Stored<StaffMemberDocument>> members, StaffMemberDocument target, Role? newRole)
    {
        if (target.Role == Role.Admin && newRole != Role.Admin && members.Count(m => m.Value.Role == Role.Admin) <= 1)
        {
            throw DomainException.Conflict("staff-last-admin", StaffTexts.LastAdmin);
        }
    }

    /// <summary>The roster document first, then the members: a change committed in between moves the roster's ETag.</summary>
    private async Task<(Stored<StaffRosterDocument>? Roster, IReadOnlyList<Stored<StaffMemberDocument>> Members)> ReadRosterAsync(string buildingId, CancellationToken cancellationToken)
    {
        var roster = await store.ReadAsync<StaffRosterDocument>(Containers.Buildings, buildingId, StaffRosterDocument.DocumentId, cancellationToken).ConfigureAwait(false);
        var members = await store.QueryAllStoredAsync<StaffMemberDocument>(StaffQueries.MembersOfBuilding, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        return (roster, members);
    }

    /// <summary>Commits a member change with the roster's new version; false when another change came first.</summary>
    private async Task<bool> TryCommitAsync(string buildingId, Stored<StaffRosterDocument>? roster, BatchOperation change, int attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next = new StaffRosterDocument { Id = StaffRosterDocument.DocumentId, BuildingId = buildingId, Version = (roster?.Value.Version ?? 0) + 1, ChangedAt = now };
        var rosterWrite = roster is null ? BatchOperation.Create(next.Id, next) : BatchOperation.Replace(next.Id, next, roster.ETag);
        try
        {
            await store.ExecuteBatchAsync(Containers.Buildings, buildingId, [change, rosterWrite], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict or StoreFailure.NotFound && attempt < MaxAttempts)
        {
            return false;
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict or StoreFailure.NotFound)
        {
            throw DomainException.Stale();
        }
    }

    /// <summary>
    /// Sets (or, with a null role, removes) the account's staff role in the building, with the event
    /// that ends its real-time access; false when the memberships already said so (nothing written).
    /// </summary>
    private async Task<bool> SetMembershipAsync(string buildingId, string userId, Role? role, string change, CancellationToken cancellationToken)
    {
        var current = await store.ReadAsync<UserMemberships>(Containers.Users, userId, UserMemberships.DocumentId, cancellationToken).ConfigureAwait(false);
        var staffHere = current?.Value.Items.Where(m => m.BuildingId == buildingId && m.Role.IsStaff()).ToList() ?? [];
        if (role is null ? staffHere.Count == 0 : staffHere is [{ } only] && only.Role == role)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var data = new Dictionary<string, string> { ["buildingId"] = buildingId, ["change"] = change };
        if (role is { } newRole)
        {
            data["role"] = RoleName(newRole);
        }

        var evt = EventDocument.ForUser(userId, userId, IdentityEvents.MembershipsChanged, now, data, suffix: StoreJson.Instant(now) + RandomTokens.Digits(4));
        await Memberships.ChangeAsync(
            store,
            userId,
            m => m with
            {
                Items = role is { } r
                    ? [.. m.Items.Where(x => !(x.BuildingId == buildingId && x.Role.IsStaff())), new Membership(buildingId, null, r)]
                    : [.. m.Items.Where(x => !(x.BuildingId == buildingId && x.Role.IsStaff()))],
            },
            [BatchOperation.Create(evt.Id, evt)],
            cancellationToken).ConfigureAwait(false);
        principals.Forget(userId);
        return true;
    }

    internal static string RoleName(Role role) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
