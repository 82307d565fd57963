using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>Someone a unit allows to take its packages, until an optional date.</summary>
public sealed record AuthorizedPerson(string Id, string Name, DateOnly? ExpiresOn);

/// <summary>Someone the desk must never hand the unit's packages to.</summary>
public sealed record BarredPerson(string Id, string Name);

/// <summary>
/// A unit's standing package instructions, shared by its residents (id <c>package-preferences:{unitId}</c>):
/// who may pick up, who never, what the desk should know, and a vacation hold. Edited by ETag.
/// </summary>
public sealed record PackagePreferencesDocument : Document
{
    public const string DocumentType = "package-preferences";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public required string UnitId { get; init; }

    public IReadOnlyList<AuthorizedPerson> Authorized { get; init; } = [];

    public IReadOnlyList<BarredPerson> NeverRelease { get; init; } = [];

    public string? Instructions { get; init; }

    public VacationHold? VacationHold { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    public static string IdFor(string unitId) => "package-preferences:" + unitId;

    public static PackagePreferencesDocument Empty(string buildingId, string unitId) =>
        new() { Id = IdFor(unitId), BuildingId = buildingId, UnitId = unitId };
}

/// <summary>Which package emails one resident wants for one unit.</summary>
public sealed record PackageNoticeChoices(bool Arrival, bool Reminder, bool Release)
{
    public static readonly PackageNoticeChoices All = new(true, true, true);

    public static readonly PackageNoticeChoices None = new(false, false, false);
}

/// <summary>A resident's own package email choices for a unit (id <c>package-notices:{unitId}:{userId}</c>).</summary>
public sealed record PackageNoticeChoicesDocument : Document
{
    public override string Type => "package-notices";

    public required string BuildingId { get; init; }

    public required string UnitId { get; init; }

    public required string UserId { get; init; }

    public required PackageNoticeChoices Choices { get; init; }

    public static string IdFor(string unitId, string userId) => $"package-notices:{unitId}:{userId}";
}

/// <summary>
/// A resident's personal pickup code for a unit (id <c>pickup-code:{unitId}:{userId}</c>), shown to them
/// as a QR code and a typed code. The desk finds it through <see cref="PickupCodeIndexDocument"/>.
/// </summary>
public sealed record PickupCodeDocument : Document
{
    public override string Type => "pickup-code";

    public required string BuildingId { get; init; }

    public required string UnitId { get; init; }

    public required string UserId { get; init; }

    public required string Code { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public static string IdFor(string unitId, string userId) => $"pickup-code:{unitId}:{userId}";
}

/// <summary>Code → resident, in the building's partition (id <c>pickup-index:{code}</c>); deleted when the code is replaced.</summary>
public sealed record PickupCodeIndexDocument : Document
{
    public override string Type => "pickup-index";

    public required string BuildingId { get; init; }

    public required string UnitId { get; init; }

    public required string UserId { get; init; }

    public static string IdFor(string code) => "pickup-index:" + code;
}

/// <summary>A tracking number a resident expects (id <c>expected-package:{id}</c>); the desk's log fills in the recipient.</summary>
public sealed record ExpectedPackageDocument : Document
{
    public const string DocumentType = "expected-package";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public required string ExpectedId { get; init; }

    public required string UnitId { get; init; }

    public required string UserId { get; init; }

    public required string TrackingNumber { get; init; }

    public required Carrier Carrier { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public static string IdFor(string expectedId) => "expected-package:" + expectedId;
}
