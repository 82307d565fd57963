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

    public async Task<UserAccount> CreateWithHashAsync(PreparedStaff staff, string buildingId, Role role, CancellationToken cancellationToken)
    {
        if (!role.IsStaff())
        {
            throw new ArgumentException("Staff accounts hold a staff role.", nameof(role));
        }

        var now = clock.GetUtcNow();
        var email = Emails.Normalize(staff.Email);
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

        var account = new UserAccount
        {
            Id = UserAccount.DocumentId,
            UserId = userId,
            Email = email,
            FullName = staff.FullName,
            Language = staff.Language,
            Kind = AccountKind.Staff,
            EmailVerified = true,
            PasswordHash = staff.PasswordHash,
            TotpSecret = staff.ProtectedTotpSecret,
            CreatedAt = now,
        };
        var memberships = UserMemberships.Empty(userId) with { Items = [new Membership(buildingId, null, role)] };
        await store.ExecuteBatchAsync(Containers.Users, userId,
        [
            BatchOperation.Create(account.Id, account),
            BatchOperation.Create(memberships.Id, memberships),
        ], cancellationToken).ConfigureAwait(false);
        var member = new StaffMemberDocument
        {
            Id = StaffMemberDocument.IdFor(userId),
            BuildingId = buildingId,
            UserId = userId,
            FullName = staff.FullName,
            Email = email,
            Role = role,
            Since = now,
        };
        await store.CreateAsync(Containers.Buildings, buildingId, member.Id, member, cancellationToken).ConfigureAwait(false);
        return account;
    }
}
