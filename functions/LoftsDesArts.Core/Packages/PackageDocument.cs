using System.Text.Json.Serialization;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>Where a package is: at the desk for a unit, at the desk for nobody yet, or gone.</summary>
public enum PackageState
{
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>The desk could not match the label to a unit: no notice until someone assigns it.</summary>
    [JsonStringEnumMemberName("unknown-recipient")]
    UnknownRecipient,

    [JsonStringEnumMemberName("released")]
    Released,

    [JsonStringEnumMemberName("returned")]
    Returned,

    [JsonStringEnumMemberName("missing")]
    Missing,
}

/// <summary>How the desk made sure of who took a package.</summary>
public enum IdentityCheck
{
    [JsonStringEnumMemberName("pickup-code")]
    PickupCode,

    [JsonStringEnumMemberName("photo-id")]
    PhotoId,

    [JsonStringEnumMemberName("known-to-staff")]
    KnownToStaff,
}

public enum ReleasedToKind
{
    /// <summary>A resident of the unit.</summary>
    [JsonStringEnumMemberName("resident")]
    Resident,

    /// <summary>Someone the unit authorized in its package preferences.</summary>
    [JsonStringEnumMemberName("authorized")]
    Authorized,
}

public enum PackageExceptionKind
{
    [JsonStringEnumMemberName("returned")]
    Returned,

    [JsonStringEnumMemberName("missing")]
    Missing,

    /// <summary>Damaged on arrival or at the desk: recorded, the package stays waiting.</summary>
    [JsonStringEnumMemberName("damaged")]
    Damaged,
}

/// <summary>One step of a package's chain of custody, kept in the package itself.</summary>
public enum PackageStep
{
    [JsonStringEnumMemberName("logged")]
    Logged,

    [JsonStringEnumMemberName("recipient-assigned")]
    RecipientAssigned,

    [JsonStringEnumMemberName("edited")]
    Edited,

    [JsonStringEnumMemberName("photo-added")]
    PhotoAdded,

    /// <summary>An email about it went to the unit (the entry's event id finds the notices and their outcomes).</summary>
    [JsonStringEnumMemberName("notice")]
    Notified,

    [JsonStringEnumMemberName("reminder")]
    Reminder,

    [JsonStringEnumMemberName("final-notice")]
    FinalNotice,

    [JsonStringEnumMemberName("released")]
    Released,

    [JsonStringEnumMemberName("release-undone")]
    ReleaseUndone,

    [JsonStringEnumMemberName("returned")]
    Returned,

    [JsonStringEnumMemberName("missing")]
    Missing,

    [JsonStringEnumMemberName("damaged")]
    Damaged,
}

/// <summary>A step of the chain of custody: when, who did it (a staff user id, or null for the system), and a note.</summary>
public sealed record PackageHistoryEntry(DateTimeOffset At, PackageStep Step, string? ActorUserId, string? ActorName, string? Detail, string? EventId = null);

/// <summary>Who took a package, and how the desk checked.</summary>
public sealed record PackageRelease(string ReleaseId, DateTimeOffset At, ReleasedToKind Kind, string? UserId, string Name, IdentityCheck IdentityCheck, string ByUserId);

/// <summary>
/// A parcel at the desk (id <c>package:{key}</c>, in the building's partition). The key is derived
/// from the desk's client request id, so a double submit finds the same package instead of a second one.
/// Every change appends to <see cref="History"/> and writes an event in the same batch.
/// </summary>
public sealed record PackageDocument : Document
{
    public const string DocumentType = "package";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public required string PackageId { get; init; }

    /// <summary>Printed on the label: <c>LDA-20261126-0007</c>.</summary>
    public required string ShortId { get; init; }

    public required PackageState State { get; init; }

    public string? UnitId { get; init; }

    public string? RecipientUserId { get; init; }

    /// <summary>The resident's name, or the name on the label for an unknown recipient.</summary>
    public string? RecipientName { get; init; }

    public required string TrackingNumber { get; init; }

    public required Carrier Carrier { get; init; }

    public required PackageSize Size { get; init; }

    public IReadOnlyList<PackageFlag> Flags { get; init; } = [];

    public bool Damaged { get; init; }

    /// <summary>Shelf or storage location.</summary>
    public string? Location { get; init; }

    /// <summary>The desk's own note; residents do not see it.</summary>
    public string? Note { get; init; }

    public bool HasPhoto { get; init; }

    public required DateTimeOffset ArrivedAt { get; init; }

    public required string LoggedBy { get; init; }

    public required string LoggedByName { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it left the desk (released, returned, missing); the history lists sort by it.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public PackageRelease? Release { get; init; }

    /// <summary>Reminder stages already written (<c>3</c>, <c>7</c>, <c>final</c>), so each goes once.</summary>
    public IReadOnlyList<string> RemindersSent { get; init; } = [];

    /// <summary>The next reminder (indexed; the reminder job's due query). Null when none is due.</summary>
    public DateTimeOffset? NextActionAt { get; init; }

    /// <summary>When the photo may be purged (set on release; retention from the building's settings).</summary>
    public DateTimeOffset? PhotoPurgeAt { get; init; }

    public IReadOnlyList<PackageHistoryEntry> History { get; init; } = [];

    public static string IdFor(string packageId) => "package:" + packageId;

    public bool IsOpen => State is PackageState.Waiting or PackageState.UnknownRecipient;

    /// <summary>
    /// The version the desk edits against (a stale one is refused with 412): its state, unit and own fields,
    /// and how many steps people took. Not the ETag: the arrival notice and the reminders written into the
    /// history by the system 10–20 s after logging (and days later) are nobody's edit, and must not make a
    /// dialog the desk has open stale.
    /// </summary>
    public string DeskVersion()
    {
        var fields = string.Join(
            '|',
            State,
            UnitId,
            RecipientUserId,
            RecipientName,
            Carrier,
            Size,
            string.Join(',', Flags),
            Damaged,
            Location,
            Note,
            HasPhoto,
            History.Count(h => h.ActorUserId is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "\"d-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fields)).AsSpan(0, 8)) + "\"";
    }
}

/// <summary>The day's label sequence (id <c>package-sequence:{yyyyMMdd}</c>), moved by ETag.</summary>
public sealed record PackageSequenceDocument : Document
{
    public override string Type => "package-sequence";

    public required string BuildingId { get; init; }

    public required int Last { get; init; }

    public static string IdFor(DateOnly day) => "package-sequence:" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Arrivals for a unit not yet announced by email (id <c>package-arrivals:{unitId}</c>). Packages logged
/// close together are announced in one email: the digest job fires at <see cref="NextActionAt"/>.
/// </summary>
public sealed record ArrivalDigestDocument : Document
{
    public const string DocumentType = "package-arrivals";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public required string UnitId { get; init; }

    public IReadOnlyList<string> PackageIds { get; init; } = [];

    /// <summary>When the first pending arrival was logged: the window never stretches past a cap from it.</summary>
    public DateTimeOffset? FirstPendingAt { get; init; }

    public DateTimeOffset? NextActionAt { get; init; }

    /// <summary>How many digests this unit has had: the suffix of each digest event's id.</summary>
    public int Sequence { get; init; }

    public static string IdFor(string unitId) => "package-arrivals:" + unitId;
}
