using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages;

namespace LoftsDesArts.Core.Email;

// The emails of the packages feature, to the residents of a unit. They say what is waiting and where,
// never who else lives in the unit or which staff member logged it. Building texts (pickup location,
// desk hours) come from the building's package settings in both languages; the template picks one.

/// <summary>One package as an email describes it.</summary>
/// <param name="Carrier">Shown by its name in the email's language (« Postes Canada », "Canada Post").</param>
/// <param name="Size">Shown by its name (« Petit colis », "Small package").</param>
/// <param name="Flags">Shown as a comma-separated list after the size; empty for none.</param>
/// <param name="ArrivedAt">Shown in building time, « le 26 novembre à 14 h 03 » / "November 26 at 2:03 p.m.".</param>
/// <param name="AgeDays">Whole days waiting (building dates); reminders show it.</param>
public sealed record PackageEmailItem(
    Carrier Carrier,
    PackageSize Size,
    IReadOnlyList<PackageFlag> Flags,
    DateTimeOffset ArrivedAt,
    int AgeDays = 0);

/// <summary>
/// Packages have arrived for the unit (grouped: one email for the arrivals of a short while).
/// <paramref name="Name"/> is the recipient's first name; <paramref name="Link"/> opens the unit's packages page.
/// </summary>
public sealed record PackagesArrivedEmail(
    string Name,
    string BuildingName,
    IReadOnlyList<PackageEmailItem> Items,
    LocalizedText PickupLocation,
    LocalizedText DeskHours,
    Uri Link) : EmailModel;

/// <summary>
/// Packages still waiting: a reminder, or the final notice before they go back to the sender on
/// <paramref name="ReturnOn"/> (building date).
/// </summary>
public sealed record PackageReminderEmail(
    string Name,
    string BuildingName,
    IReadOnlyList<PackageEmailItem> Items,
    ReminderStage Stage,
    DateOnly ReturnOn,
    LocalizedText PickupLocation,
    LocalizedText DeskHours,
    Uri Link) : EmailModel
{
    public bool IsFinalNotice => Stage.IsFinalNotice;
}

/// <summary>
/// Packages were handed over at the desk: to whom (<paramref name="ReleasedToName"/>, the resident or an
/// authorized person, as the desk recorded it) and when, with a "not you? contact the desk" line.
/// </summary>
public sealed record PackagesReleasedEmail(
    string Name,
    string BuildingName,
    string ReleasedToName,
    DateTimeOffset ReleasedAt,
    IReadOnlyList<PackageEmailItem> Items,
    Uri Link) : EmailModel;
