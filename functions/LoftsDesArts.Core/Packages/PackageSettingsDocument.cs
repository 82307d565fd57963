using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// How the building's desk handles packages (id <c>package-settings</c>): desk hours and pickup place as
/// residents read them, the reminder schedule, the hours emails may go out in, overdue and photo retention.
/// </summary>
public sealed record PackageSettingsDocument : Document
{
    public const string DocumentId = "package-settings";

    public override string Type => "package-settings";

    public required string BuildingId { get; init; }

    public LocalizedText DeskHours { get; init; } = new("Tous les jours, de 7 h à 23 h", "Every day, 7 a.m. to 11 p.m.");

    public LocalizedText PickupLocation { get; init; } = new("Réception, hall d'entrée", "Front desk, main lobby");

    public IReadOnlyList<int> ReminderDays { get; init; } = [3, 7];

    public int FinalNoticeDay { get; init; } = 12;

    public int ReturnDay { get; init; } = 14;

    public int OverdueAfterDays { get; init; } = 7;

    public TimeOnly SendingFrom { get; init; } = new(8, 0);

    public TimeOnly SendingTo { get; init; } = new(21, 0);

    public int PhotoRetentionDays { get; init; } = 30;

    /// <summary>Prefix of the labels' short ids.</summary>
    public string ShortIdPrefix { get; init; } = "LDA";

    public DateTimeOffset? UpdatedAt { get; init; }

    public PackageReminderSettings ReminderSettings(string timeZoneId) => new()
    {
        ReminderDays = ReminderDays,
        FinalNoticeDay = FinalNoticeDay,
        ReturnDay = ReturnDay,
        SendingHours = new SendingHours(SendingFrom, SendingTo),
        TimeZoneId = timeZoneId,
    };

    public static PackageSettingsDocument Defaults(string buildingId) => new() { Id = DocumentId, BuildingId = buildingId };
}
