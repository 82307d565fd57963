using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Staff;

/// <summary>What the invited address already is in the portal, which decides how the invitation is accepted.</summary>
public enum InvitationAccount
{
    /// <summary>No account: name and password, then a TOTP enrolment (or Microsoft, where configured).</summary>
    New,

    /// <summary>A staff account (another building's staff): accepting adds the membership; then they sign in.</summary>
    Staff,

    /// <summary>A resident account: its password, then a TOTP enrolment, makes it a staff account.</summary>
    Resident,
}

/// <summary>An open invitation as the acceptance page shows it.</summary>
public sealed record InvitationView(StaffInvitationDocument Invitation, string BuildingName, InvitationAccount Account);

/// <summary>
/// Accepting a staff invitation with its single-use link (DESIGN §5). Locally: the form (a new
/// account's name and password, or an existing resident's password) prepares the account, a TOTP
/// enrolment must be confirmed with a code, then the account exists and is signed in — as for the first
/// administrator. An existing staff account only gains the membership (and signs in as usual, with its
/// second factor). With Microsoft (Azure): the Entra callback, carrying the invitation in its sealed
/// flow state, links (tenant id, object id) to the account. The link is spent before anything is
/// written, so it works once.
/// </summary>
public sealed class StaffInvitations(
    IDocumentStore store,
    Accounts accounts,
    StaffAccounts staff,
    SessionService sessions,
    SignInThrottle throttle,
    SecretProtector protector,
    PrincipalCache principals,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<InvitationView> InspectAsync(string token, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(LinkToken.IdFor(token), cancellationToken).ConfigureAwait(false);
        return await ViewAsync(open.Invitation.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Step 1 for a new or a resident account: checks the form and returns the TOTP enrolment to confirm.
    /// A new account gives its name and a new password; a resident gives the account's current password.
    /// </summary>
    public async Task<TotpEnrolment> BeginAsync(string token, string? fullName, string password, Language language, string clientAddress, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(LinkToken.IdFor(token), cancellationToken).ConfigureAwait(false);
        var invitation = open.Invitation.Value;
        var existing = await accounts.FindByEmailAsync(invitation.Email, cancellationToken).ConfigureAwait(false);
        PreparedStaff pending;
        string? pendingUserId = null;
        var enrolment = TotpService.NewEnrolment(invitation.Email);
        var protectedSecret = await protector.ProtectAsync(enrolment.Secret, cancellationToken).ConfigureAwait(false);
        switch (existing?.Value)
        {
            case null:
                var name = string.IsNullOrWhiteSpace(fullName) ? invitation.FullName : fullName.Trim();
                if (PasswordPolicy.Check(password, invitation.Email, name) is { } weak)
                {
                    throw DomainException.Invalid("password", weak);
                }

                pending = new PreparedStaff(name, invitation.Email, PasswordHasher.Hash(password), protectedSecret, language);
                break;
            case { Kind: AccountKind.Staff }:
                throw DomainException.Conflict("invitation-staff-account", StaffTexts.StaffAccountExists);
            case { } resident:
                await CheckPasswordAsync(resident, password, clientAddress, cancellationToken).ConfigureAwait(false);
                pending = new PreparedStaff(resident.FullName, resident.Email, resident.PasswordHash!, protectedSecret, resident.Language);
                pendingUserId = resident.UserId;
                break;
        }

        try
        {
            await store.ReplaceAsync(Containers.Buildings, invitation.BuildingId, invitation.Id, invitation with { Pending = pending, PendingUserId = pendingUserId }, open.Invitation.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
        {
            throw DomainException.Stale();
        }

        return enrolment;
    }

    /// <summary>Step 2: a correct TOTP code spends the link and creates (or converts) the account; the caller signs it in.</summary>
    public async Task<UserAccount> CompleteAsync(string token, string code, string clientAddress, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(LinkToken.IdFor(token), cancellationToken).ConfigureAwait(false);
        var invitation = open.Invitation.Value;
        var pending = invitation.Pending ?? throw DomainException.Invalid("token", StaffTexts.AcceptFormFirst);
        var throttleKey = "invitation:" + invitation.InvitationId;
        await throttle.EnsureAllowedAsync("totp", throttleKey, clientAddress, cancellationToken).ConfigureAwait(false);
        var secret = await protector.UnprotectAsync(pending.ProtectedTotpSecret, cancellationToken).ConfigureAwait(false);
        if (!TotpService.Verify(secret, code, clock.GetUtcNow()))
        {
            await throttle.RecordFailureAsync("totp", throttleKey, clientAddress, cancellationToken).ConfigureAwait(false);
            throw DomainException.Invalid("code", IdentityTexts.TotpInvalid);
        }

        await throttle.RecordSuccessAsync("totp", throttleKey, clientAddress, cancellationToken).ConfigureAwait(false);
        await SpendAsync(open, cancellationToken).ConfigureAwait(false);
        UserAccount account;
        if (invitation.PendingUserId is { } residentId)
        {
            // A resident becomes staff: from now on signing in asks for the second factor, so the
            // sessions opened with the password alone end.
            account = await accounts.ChangeAsync(residentId, a => a with { Kind = AccountKind.Staff, TotpSecret = pending.ProtectedTotpSecret }, cancellationToken).ConfigureAwait(false);
            await sessions.RevokeAllAsync(residentId, "became-staff", cancellationToken).ConfigureAwait(false);
            await AddMembershipAsync(account, invitation, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            account = await staff.CreateWithHashAsync(pending, invitation.BuildingId, invitation.Role, cancellationToken).ConfigureAwait(false);
        }

        await AcceptedAsync(invitation, account, "password", cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>An existing staff account (another building's, or signing in with Microsoft) gains the membership.</summary>
    public async Task<UserAccount> AcceptForStaffAccountAsync(string token, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(LinkToken.IdFor(token), cancellationToken).ConfigureAwait(false);
        var invitation = open.Invitation.Value;
        var existing = await accounts.FindByEmailAsync(invitation.Email, cancellationToken).ConfigureAwait(false);
        if (existing?.Value is not { Kind: AccountKind.Staff } account)
        {
            throw DomainException.Invalid("token", existing is null ? StaffTexts.AcceptFormFirst : StaffTexts.ResidentNeedsPassword);
        }

        await SpendAsync(open, cancellationToken).ConfigureAwait(false);
        await AddMembershipAsync(account, invitation, cancellationToken).ConfigureAwait(false);
        await AcceptedAsync(invitation, account, "existing-account", cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>Before the redirect to Microsoft: the link must be open; what travels in the flow state is its hash, never the token.</summary>
    public async Task<string> OpenForEntraAsync(string token, CancellationToken cancellationToken)
    {
        var id = LinkToken.IdFor(token);
        var open = await OpenAsync(id, cancellationToken).ConfigureAwait(false);
        await EnsureNotResidentAsync(open.Invitation.Value, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// The Entra callback of an invitation: links (tenant id, object id) to the invited address's
    /// account — created if there is none — and adds the membership.
    /// </summary>
    public async Task<UserAccount> AcceptWithEntraAsync(string linkTokenId, EntraIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var open = await OpenAsync(linkTokenId, cancellationToken).ConfigureAwait(false);
        var invitation = open.Invitation.Value;
        var linkId = EntraLink.IdFor(identity.TenantId, identity.ObjectId);
        var linked = await store.ReadAsync<EntraLink>(Containers.Lookups, linkId, linkId, cancellationToken).ConfigureAwait(false);
        UserAccount account;
        if (linked is not null)
        {
            // This Microsoft account already signs in here (staff of another building): add the membership.
            account = await accounts.RequireAsync(linked.Value.UserId, cancellationToken).ConfigureAwait(false);
            if (account.Kind != AccountKind.Staff)
            {
                throw new DomainException(ErrorKind.Forbidden, "entra-not-staff", IdentityTexts.EntraNotStaff);
            }

            await SpendAsync(open, cancellationToken).ConfigureAwait(false);
            await AddMembershipAsync(account, invitation, cancellationToken).ConfigureAwait(false);
        }
        else if (await accounts.FindByEmailAsync(invitation.Email, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await EnsureNotResidentAsync(invitation, cancellationToken).ConfigureAwait(false);
            if (existing.Value.EntraObjectId is not null)
            {
                throw DomainException.Conflict("entra-linked-elsewhere", IdentityTexts.EntraLinkedElsewhere);
            }

            await SpendAsync(open, cancellationToken).ConfigureAwait(false);
            try
            {
                await store.CreateAsync(Containers.Lookups, linkId, linkId, new EntraLink { Id = linkId, UserId = existing.Value.UserId }, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
            {
                throw DomainException.Conflict("entra-linked-elsewhere", IdentityTexts.EntraLinkedElsewhere);
            }

            account = await accounts.ChangeAsync(existing.Value.UserId, a => a with { EntraTenantId = identity.TenantId, EntraObjectId = identity.ObjectId }, cancellationToken).ConfigureAwait(false);
            await AddMembershipAsync(account, invitation, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SpendAsync(open, cancellationToken).ConfigureAwait(false);
            var name = string.IsNullOrWhiteSpace(identity.Name) ? invitation.FullName : identity.Name;
            account = await staff.CreateForEntraAsync(invitation.Email, name, invitation.Language, identity, invitation.BuildingId, invitation.Role, cancellationToken).ConfigureAwait(false);
        }

        await AcceptedAsync(invitation, account, "entra", cancellationToken).ConfigureAwait(false);
        return account;
    }

    private async Task<InvitationView> ViewAsync(StaffInvitationDocument invitation, CancellationToken cancellationToken)
    {
        var building = await store.ReadAsync<BuildingDocument>(Containers.Buildings, invitation.BuildingId, BuildingDocument.DocumentId, cancellationToken).ConfigureAwait(false);
        var existing = await accounts.FindByEmailAsync(invitation.Email, cancellationToken).ConfigureAwait(false);
        var kind = existing?.Value.Kind switch
        {
            null => InvitationAccount.New,
            AccountKind.Staff => InvitationAccount.Staff,
            _ => InvitationAccount.Resident,
        };
        return new InvitationView(invitation, building?.Value.Name ?? invitation.BuildingId, kind);
    }

    /// <summary>A resident account becomes staff only with its password and a TOTP enrolment, never through Microsoft alone.</summary>
    private async Task EnsureNotResidentAsync(StaffInvitationDocument invitation, CancellationToken cancellationToken)
    {
        if (await accounts.FindByEmailAsync(invitation.Email, cancellationToken).ConfigureAwait(false) is { Value.Kind: AccountKind.Resident })
        {
            throw DomainException.Conflict("invitation-resident-account", StaffTexts.ResidentNeedsPassword);
        }
    }

    private async Task CheckPasswordAsync(UserAccount account, string password, string clientAddress, CancellationToken cancellationToken)
    {
        await throttle.EnsureAllowedAsync("reauth", account.UserId, clientAddress, cancellationToken).ConfigureAwait(false);
        if (account.PasswordHash is null || PasswordHasher.Verify(password, account.PasswordHash) == PasswordCheck.Failed)
        {
            await throttle.RecordFailureAsync("reauth", account.UserId, clientAddress, cancellationToken).ConfigureAwait(false);
            throw DomainException.Invalid("password", IdentityTexts.CurrentPasswordWrong);
        }

        await throttle.RecordSuccessAsync("reauth", account.UserId, clientAddress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OpenInvitation> OpenAsync(string linkTokenId, CancellationToken cancellationToken)
    {
        var link = await store.ReadAsync<LinkToken>(Containers.Lookups, linkTokenId, linkTokenId, cancellationToken).ConfigureAwait(false);
        if (link is null || link.Value.Purpose != LinkPurpose.StaffInvitation || link.Value.UsedAt is not null
            || link.Value.BuildingId is not { } buildingId || link.Value.SubjectId is not { } invitationId)
        {
            throw Invalid();
        }

        var now = clock.GetUtcNow();
        var invitation = await store.ReadAsync<StaffInvitationDocument>(Containers.Buildings, buildingId, StaffInvitationDocument.IdFor(invitationId), cancellationToken).ConfigureAwait(false);
        return invitation?.Value.StatusAt(now) switch
        {
            InvitationStatus.Pending when link.Value.ExpiresAt > now => new OpenInvitation(link, invitation),
            InvitationStatus.Pending or InvitationStatus.Expired => throw new DomainException(ErrorKind.Gone, "invitation-expired", StaffTexts.InvitationExpired),
            _ => throw Invalid(),
        };
    }

    /// <summary>Marks the link used by ETag: of two acceptances racing, one goes on.</summary>
    private async Task SpendAsync(OpenInvitation open, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReplaceAsync(Containers.Lookups, open.Link.Value.Id, open.Link.Value.Id, open.Link.Value with { UsedAt = clock.GetUtcNow() }, open.Link.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
        {
            throw Invalid();
        }
    }

    private async Task AddMembershipAsync(UserAccount account, StaffInvitationDocument invitation, CancellationToken cancellationToken)
    {
        await Memberships.ChangeAsync(store, account.UserId, m => m with
        {
            Items = [.. m.Items.Where(x => !(x.BuildingId == invitation.BuildingId && x.Role.IsStaff())), new Membership(invitation.BuildingId, null, invitation.Role)],
        }, cancellationToken).ConfigureAwait(false);
        var member = StaffMemberDocument.For(account, invitation.BuildingId, invitation.Role, clock.GetUtcNow());
        await store.UpsertAsync(Containers.Buildings, invitation.BuildingId, member.Id, member, null, cancellationToken).ConfigureAwait(false);
        principals.Forget(account.UserId);
    }

    private async Task AcceptedAsync(StaffInvitationDocument invitation, UserAccount account, string method, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var stored = await store.ReadAsync<StaffInvitationDocument>(Containers.Buildings, invitation.BuildingId, invitation.Id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                break;
            }

            try
            {
                await store.ReplaceAsync(Containers.Buildings, invitation.BuildingId, invitation.Id, stored.Value with { AcceptedAt = now, AcceptedBy = account.UserId, Pending = null, PendingUserId = null }, stored.ETag, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
            {
                // Changed meanwhile (a revoke racing the acceptance, which already spent the link): record it anyway.
            }
        }

        await audit.WriteAsync(invitation.BuildingId, account.UserId, "staff.invitation-accepted", "staff-invitation", invitation.InvitationId, new Dictionary<string, string> { ["role"] = StaffService.RoleName(invitation.Role), ["method"] = method }, cancellationToken).ConfigureAwait(false);
    }

    private static DomainException Invalid() => new(ErrorKind.Validation, "invitation-invalid", StaffTexts.InvitationInvalid);

    private sealed record OpenInvitation(Stored<LinkToken> Link, Stored<StaffInvitationDocument> Invitation);
}
