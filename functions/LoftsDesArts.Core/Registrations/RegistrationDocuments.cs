using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Registrations;

public enum Relationship
{
    Owner,
    Tenant,
    Occupant,
}

public enum RegistrationStatus
{
    /// <summary>No code was given: management must approve.</summary>
    Pending,

    /// <summary>Approved by management, or admitted by a valid registration code.</summary>
    Approved,

    Rejected,
}

/// <summary>A request to join a building as a resident of a unit (id <c>registration:{id}</c>).</summary>
public sealed record RegistrationDocument : Document
{
    public override string Type => "registration";

    public required string BuildingId { get; init; }

    public required string RegistrationId { get; init; }

    public required string UserId { get; init; }

    public required string UnitId { get; init; }

    public required string UnitNumber { get; init; }

    public required string FullName { get; init; }

    public required string Email { get; init; }

    public required Relationship Relationship { get; init; }

    public required RegistrationStatus Status { get; init; }

    /// <summary>The registration code that admitted it, if any (its id, never the code).</summary>
    public string? CodeId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecidedBy { get; init; }

    public string? RejectionReason { get; init; }

    public static string IdFor(string registrationId) => "registration:" + registrationId;
}

/// <summary>
/// A unit's registration code (id <c>regcode:{id}</c>): only its hash is kept, it can be used a
/// limited number of times, expires and can be revoked; staff issue a new one to re-print a letter.
/// </summary>
public sealed record RegistrationCodeDocument : Document
{
    public override string Type => "registration-code";

    public required string BuildingId { get; init; }

    public required string CodeId { get; init; }

    public required string UnitId { get; init; }

    public required string CodeHash { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required string IssuedBy { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required int MaxUses { get; init; }

    public int Uses { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public static string IdFor(string codeId) => "regcode:" + codeId;
}

/// <summary>
/// A resident of a unit as the building's roster shows it (id <c>resident:{unitId}:{userId}</c>).
/// The account's own <c>memberships</c> document is what authorization reads; this is the building's view.
/// </summary>
public sealed record ResidentDocument : Document
{
    public override string Type => "resident";

    public required string BuildingId { get; init; }

    public required string UserId { get; init; }

    public required string UnitId { get; init; }

    public required string UnitNumber { get; init; }

    public required string FullName { get; init; }

    /// <summary>Folded name for accent-insensitive type-ahead (the front desk's recipient search).</summary>
    public required string NameKey { get; init; }

    public required string Email { get; init; }

    public required Relationship Relationship { get; init; }

    public bool OwnerConfirmed { get; init; }

    public required DateTimeOffset Since { get; init; }

    public static string IdFor(string unitId, string userId) => $"resident:{unitId}:{userId}";
}
