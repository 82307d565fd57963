using System.Globalization;
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

    /// <summary>
    /// A day and time in a sentence, without the year: fr-CA "le 26 novembre à 14 h 03" ("le 1er novembre"),
    /// en-CA "November 26 at 2:03 p.m.".
    /// </summary>
    public static string DayAndTime(DateTimeOffset instant, Language language)
    {
        var local = TimeZoneInfo.ConvertTime(instant, BuildingTimeZone);
        var culture = language.Culture();
        return language == Language.Fr
            ? string.Create(culture, $"le {DayOfMonthFr(local.Day)} {local.ToString("MMMM", culture)} à {Time(instant, language)}")
            : string.Create(culture, $"{local.ToString("MMMM d", culture)} at {Time(instant, language)}");
    }

    /// <summary>A time of day in building time: fr-CA "14 h 03", en-CA "2:03 p.m." (no-break spaces inside).</summary>
    public static string Time(DateTimeOffset instant, Language language)
    {
        var local = TimeZoneInfo.ConvertTime(instant, BuildingTimeZone);
        var culture = language.Culture();
        if (language == Language.Fr)
        {
            return string.Create(culture, $"{local.Hour}\u00a0h\u00a0{local.Minute:00}");
        }

        var hour12 = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(culture, $"{hour12}:{local.Minute:00}\u00a0{(local.Hour < 12 ? "a.m." : "p.m.")}");
    }

    /// <summary>A calendar date in a sentence, with the weekday: fr-CA "le mardi 8 décembre", en-CA "Tuesday, December 8".</summary>
    public static string Day(DateOnly date, Language language)
    {
        var culture = language.Culture();
        return language == Language.Fr
            ? string.Create(culture, $"le {date.ToString("dddd", culture)} {DayOfMonthFr(date.Day)} {date.ToString("MMMM", culture)}")
            : date.ToString("dddd, MMMM d", culture);
    }

    private static string DayOfMonthFr(int day) => day == 1 ? "1er" : day.ToString(CultureInfo.InvariantCulture);

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
