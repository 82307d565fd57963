using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Email;

/// <summary>
/// Dates and times in emails: the building's time zone (America/Toronto, which Montréal follows),
/// written as each language writes them: fr-CA "26 novembre 2026, 14 h 05",
/// en-CA "November 26, 2026, 2:05 p.m.". The spaces inside the time are no-break spaces, so a
/// line never breaks between "14" and "h 05".
/// </summary>
public static class EmailFormats
{
    public static TimeZoneInfo BuildingTimeZone { get; } = FindTimeZone();

    public static string DateTime(DateTimeOffset instant, Language language)
    {
        var local = TimeZoneInfo.ConvertTime(instant, BuildingTimeZone);
        var culture = language.Culture();
        if (language == Language.Fr)
        {
            var date = local.ToString("d MMMM yyyy", culture);
            return string.Create(culture, $"{date}, {local.Hour}\u00a0h\u00a0{local.Minute:00}");
        }

        // Written out rather than left to the culture's AM/PM designators, which vary between ICU versions.
        var hour12 = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var suffix = local.Hour < 12 ? "a.m." : "p.m.";
        var day = local.ToString("MMMM d, yyyy", culture);
        return string.Create(culture, $"{day}, {hour12}:{local.Minute:00}\u00a0{suffix}");
    }

    private static TimeZoneInfo FindTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Eastern Standard Time");
        }
    }
}
