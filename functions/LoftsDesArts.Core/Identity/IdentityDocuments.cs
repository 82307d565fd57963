using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

public enum AccountStatus
{
    Active,
    Deactivated,
}

/// <summary>The account, in its own partition of <see cref="Containers.Users"/> (id <c>account</c>).</summary>
public sealed record UserAccount : Document
{
    public const string DocumentId = "account";

    public override string Type => "account";

    public required string UserId { get; init; }

    /// <summary>Lower-cased and trimmed: the sign-in identifier.</summary>
    public required string Email { get; init; }

    public required string FullName { get; init; }

    public required Language Language { get; init; }

    public required AccountKind Kind { get; init; }

    public AccountStatus Status { get; init; } = AccountStatus.Active;

    public bool EmailVerified { get; init; }

    /// <summary>PHC string; null for staff who sign in with Entra ID only.</summary>
    public string? PasswordHash { get; init; }

    /// <summary>TOTP seed encrypted with <see cref="Security.SecretProtector"/>; set once enrolment is confirmed.</summary>
    public string? TotpSecret { get; init; }

    /// <summary>An email change waiting for confirmation from the new address.</summary>
    public string? PendingEmail { get; init; }

    /// <summary>The address before the last change: the change notice goes there.</summary>
    public string? PreviousEmail { get; init; }

    /// <summary>Entra ID (tenant id, object id) for staff signing in through Microsoft.</summary>
    public string? EntraTenantId { get; init; }

    public string? EntraObjectId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? TermsAcceptedAt { get; init; }

    public string? TermsVersion { get; init; }

    public string? PrivacyVersion { get; init; }

    public bool TotpEnabled => TotpSecret is not null;
}

/// <summary>
/// The memberships authorization reads on each request (id <c>memberships</c> in the user's partition):
/// one point read, cached at most 5 s. Staff changes write it, so a change applies within 5 s.
/// </summary>
public sealed record UserMemberships : Document
{
    public const string DocumentId = "memberships";

    public override string Type => "memberships";

    public required string UserId { get; init; }

    public IReadOnlyList<Membership> Items { get; init; } = [];

    /// <summary>Registrations waiting for management, so the person sees their status after signing in.</summary>
    public IReadOnlyList<PendingRegistration> Pending { get; init; } = [];

    public static UserMemberships Empty(string userId) => new() { Id = DocumentId, UserId = userId };
}

public sealed record PendingRegistration(string BuildingId, string RegistrationId, string UnitNumber, DateTimeOffset SubmittedAt);

/// <summary>
/// A session (family of rotating refresh tokens), in the user's partition. Refresh tokens are MACs
/// over (session, generation); the session keeps the generation and when it last rotated, so reuse
/// of a spent token is recognised and a racing second tab gets the same successor.
/// </summary>
public sealed record SessionDocument : Document
{
    public override string Type => "session";

    public required string UserId { get; init; }

    public required string SessionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required long Generation { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedReason { get; init; }

    /// <summary>Set by the idle lock of a shared desk terminal; cleared by re-entering the password.</summary>
    public DateTimeOffset? LockedAt { get; init; }

    /// <summary>A short description of the device ("Chrome · Linux"), never the raw user agent.</summary>
    public required string Device { get; init; }

    public required AccountKind Kind { get; init; }

    public static string IdFor(string sessionId) => "session:" + sessionId;
}

public enum CodePurpose
{
    VerifyEmail,
    SignIn,
}

/// <summary>A short emailed code (hash only), in the user's partition, id <c>code:{purpose}</c>.</summary>
public sealed record EmailCode : Document
{
    public override string Type => "email-code";

    public required string UserId { get; init; }

    public required CodePurpose Purpose { get; init; }

    public required string CodeHash { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public int Attempts { get; init; }

    public static string IdFor(CodePurpose purpose) => "code:" + purpose.ToString().ToLowerInvariant();
}

/// <summary>Uniqueness of an email address across accounts (<see cref="Containers.Lookups"/>, id <c>email:{address}</c>).</summary>
public sealed record EmailClaim : Document
{
    public override string Type => "email-claim";

    public required string UserId { get; init; }

    public required DateTimeOffset ClaimedAt { get; init; }

    public static string IdFor(string normalizedEmail) => "email:" + normalizedEmail;
}

/// <summary>Entra ID staff identity → account (<see cref="Containers.Lookups"/>, id <c>entra:{tid}:{oid}</c>).</summary>
public sealed record EntraLink : Document
{
    public override string Type => "entra-link";

    public required string UserId { get; init; }

    public static string IdFor(string tenantId, string objectId) => $"entra:{tenantId}:{objectId}";
}

public enum LinkPurpose
{
    VerifyEmail,
    ResetPassword,
    FirstAdmin,
    StaffInvitation,
}

/// <summary>
/// A single-use token sent in an email link, stored by hash (<see cref="Containers.Lookups"/>,
/// id <c>token:{sha256}</c>), expiring by TTL.
/// </summary>
public sealed record LinkToken : Document
{
    public override string Type => "link-token";

    public required LinkPurpose Purpose { get; init; }

    /// <summary>The account it acts on; null for the first-admin setup token.</summary>
    public string? UserId { get; init; }

    /// <summary>For an email change: the address being confirmed; for a staff invitation: the address invited.</summary>
    public string? Email { get; init; }

    /// <summary>For a staff invitation: the building that invites (the partition of the invitation).</summary>
    public string? BuildingId { get; init; }

    /// <summary>For a staff invitation: the invitation's id.</summary>
    public string? SubjectId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    public static string IdFor(string token) => "token:" + Security.RandomTokens.Hash(token);
}

public static class Emails
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
