using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>A staff member on the building's roster (id <c>staff:{userId}</c>).</summary>
public sealed record StaffMemberDocument : Document
{
    public override string Type => "staff-member";

    public required string BuildingId { get; init; }

    public required string UserId { get; init; }

    public required string FullName { get; init; }

    public required string Email { get; init; }

    public required Role Role { get; init; }

    public required DateTimeOffset Since { get; init; }

    public static string IdFor(string userId) => "staff:" + userId;

    public static StaffMemberDocument For(UserAccount account, string buildingId, Role role, DateTimeOffset since) => new()
    {
        Id = IdFor(account.UserId),
        BuildingId = buildingId,
        UserId = account.UserId,
        FullName = account.FullName,
        Email = account.Email,
        Role = role,
        Since = since,
    };
}

/// <summary>A staff account ready to be written: the password already hashed, the TOTP seed already encrypted.</summary>
public sealed record PreparedStaff(string FullName, string Email, string PasswordHash, string ProtectedTotpSecret, Language Language);

public sealed record NewStaffAccount(string Email, string FullName, string Password, Language Language, string BuildingId, Role Role, string TotpSecret);

/// <summary>Local staff accounts (self-host): verified address, password and a TOTP second factor.</summary>
public sealed class StaffAccounts(IDocumentStore store, SecretProtector protector, TimeProvider clock)
{
    public async Task<UserAccount> CreateAsync(NewStaffAccount staff, CancellationToken cancellationToken)
    {
        var prepared = new PreparedStaff(
            staff.FullName.Trim(),
            Emails.Normalize(staff.Email),
            PasswordHasher.Hash(staff.Password),
            await protector.ProtectAsync(staff.TotpSecret, cancellationToken).ConfigureAwait(false),
            staff.Language);
        return await CreateWithHashAsync(prepared, staff.BuildingId, staff.Role, cancellationToken).ConfigureAwait(false);
    }

    public Task<UserAccount> CreateWithHashAsync(PreparedStaff staff, string buildingId, Role role, CancellationToken cancellationToken) =>
        CreateCoreAsync(staff.Email, staff.FullName, staff.Language, staff.PasswordHash, staff.ProtectedTotpSecret, null, buildingId, role, cancellationToken);

    /// <summary>
    /// A staff account that signs in with Microsoft only (no password, no TOTP: Entra ID holds the
    /// credentials and its own second factor), linked to (tenant id, object id) by an <see cref="EntraLink"/>.
    /// </summary>
    public Task<UserAccount> CreateForEntraAsync(string email, string fullName, Language language, EntraIdentity identity, string buildingId, Role role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return CreateCoreAsync(email, fullName.Trim(), language, null, null, identity, buildingId, role, cancellationToken);
    }

    private async Task<UserAccount> CreateCoreAsync(string rawEmail, string fullName, Language language, string? passwordHash, string? protectedTotpSecret, EntraIdentity? entra, string buildingId, Role role, CancellationToken cancellationToken)
    {
        if (!role.IsStaff())
        {
            throw new ArgumentException("Staff accounts hold a staff role.", nameof(role));
        }

        var now = clock.GetUtcNow();
        var email = Emails.Normalize(rawEmail);
        var userId = RandomTokens.Id("u_");
        var claimId = EmailClaim.IdFor(email);
        try
        {
            await store.CreateAsync(Containers.Lookups, claimId, claimId, new EmailClaim { Id = claimId, UserId = userId, ClaimedAt = now }, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
        {
            throw DomainException.Invalid("email", IdentityTexts.EmailTaken);
        }

        if (entra is not null)
        {
            var linkId = EntraLink.IdFor(entra.TenantId, entra.ObjectId);
            try
            {
                await store.CreateAsync(Containers.Lookups, linkId, linkId, new EntraLink { Id = linkId, UserId = userId }, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
            {
                // Linked to another account meanwhile: release the address claimed above.
                await store.DeleteAsync(Containers.Lookups, claimId, claimId, null, CancellationToken.None).ConfigureAwait(false);
                throw DomainException.Conflict("entra-linked-elsewhere", IdentityTexts.EntraLinkedElsewhere);
            }
        }

        var account = new UserAccount
        {
            Id = UserAccount.DocumentId,
            UserId = userId,
            Email = email,
            FullName = fullName,
            Language = language,
            Kind = AccountKind.Staff,
            EmailVerified = true,
            PasswordHash = passwordHash,
            TotpSecret = protectedTotpSecret,
            EntraTenantId = entra?.TenantId,
            EntraObjectId = entra?.ObjectId,
            CreatedAt = now,
        };
        var memberships = UserMemberships.Empty(userId) with { Items = [new Membership(buildingId, null, role)] };
        await store.ExecuteBatchAsync(Containers.Users, userId,
        [
            BatchOperation.Create(account.Id, account),
            BatchOperation.Create(memberships.Id, memberships),
        ], cancellationToken).ConfigureAwait(false);
        var member = StaffMemberDocument.For(account, buildingId, role, now);
        await store.UpsertAsync(Containers.Buildings, buildingId, member.Id, member, null, cancellationToken).ConfigureAwait(false);
        return account;
    }
}
