using LoftsDesArts.Core.Legal;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Buildings;

/// <summary>The building itself (id <c>building</c> in its own partition of <see cref="Containers.Buildings"/>).</summary>
public sealed record BuildingDocument : Document
{
    public const string DocumentId = "building";

    public override string Type => "building";

    public required string BuildingId { get; init; }

    public required string Name { get; init; }

    /// <summary>Postal address as written in French: "1625, rue Clark, Montréal (Québec) H2X 2R4".</summary>
    public required string Address { get; init; }

    /// <summary>IANA time zone for sending hours and reminders; Montréal follows America/Toronto.</summary>
    public string TimeZone { get; init; } = "America/Toronto";

    public bool RegistrationOpen { get; init; } = true;

    public string TermsVersion { get; init; } = LegalDocuments.CurrentVersion;

    public string PrivacyVersion { get; init; } = LegalDocuments.CurrentVersion;

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Every building id, in one document of <see cref="Containers.Lookups"/> (id <c>buildings</c>): the
/// public sign-up page lists them without a cross-partition query.
/// </summary>
public sealed record BuildingDirectory : Document
{
    public const string DocumentId = "buildings";

    public override string Type => "building-directory";

    public IReadOnlyList<BuildingDirectoryEntry> Buildings { get; init; } = [];
}

public sealed record BuildingDirectoryEntry(string BuildingId, string Name, string Address);
