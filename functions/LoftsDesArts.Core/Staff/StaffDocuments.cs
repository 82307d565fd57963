using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Staff;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// <summary>
/// An invitation to join a building's staff (<see cref="Containers.Buildings"/>, id
/// <c>staff-invitation:{invitationId}</c>). The single-use link that accepts it is a
/// <see cref="LinkToken"/> of purpose <see cref="LinkPurpose.StaffInvitation"/>, issued when the
/// email is sent, so the secret exists only in the email and as a hash.
/// </summary>
public sealed record StaffInvitationDocument : Document
{
    public override string Type => "staff-invitation";

    public required string BuildingId { get; init; }

    public required string InvitationId { get; init; }

    /// <summary>Normalized address the invitation was sent to.</summary>
    public required string Email { get; init; }

    /// <summary>The name the administrator gave, for the greeting and to prefill the form.</summary>
    public required string FullName { get; init; }

    public required Role Role { get; init; }

    /// <summary>The language of the email and of the page it links to.</summary>
    public required Language Language { get; init; }

    public required string InvitedBy { get; init; }

    public required DateTimeOffset InvitedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>The account that accepted it.</summary>
    public string? AcceptedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Between the acceptance form and the TOTP confirmation: the account being prepared.</summary>
    public PreparedStaff? Pending { get; init; }

    /// <summary>For an existing resident account becoming staff: the account whose password was checked.</summary>
    public string? PendingUserId { get; init; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : ExpiresAt <= now ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    public static string IdFor(string invitationId) => "staff-invitation:" + invitationId;
}

/// <summary>
/// One per building (id <c>staff-roster</c>): every role change and removal replaces it by ETag in the
/// same batch as the staff member's document, so two administrators demoting each other at the same
/// moment cannot leave the building without an administrator.
/// </summary>
public sealed record StaffRosterDocument : Document
{
    public const string DocumentId = "staff-roster";

    public override string Type => "staff-roster";

    public required string BuildingId { get; init; }

    public long Version { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }
}
