using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Packages;

/// <summary>The hours of the day (building time) during which notices may be sent: <c>[From, To)</c>.</summary>
public sealed record SendingHours(TimeOnly From, TimeOnly To)
{
    public static SendingHours Default { get; } = new(new TimeOnly(8, 0), new TimeOnly(21, 0));

    /// <summary>True when <paramref name="time"/> is at or after <see cref="From"/> and before <see cref="To"/>.</summary>
    public bool Contains(TimeOnly time) => time >= From && time < To;
}

/// <summary>A unit's vacation hold (« avis d'absence »): local dates, both ends included.</summary>
public sealed record VacationHold(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;
}

/// <summary>
/// A building's reminder schedule for waiting packages, in days after arrival (local dates in
/// <see cref="TimeZoneId"/>): reminders on <see cref="ReminderDays"/>, a final notice on
/// <see cref="FinalNoticeDay"/>, and the package goes back to the sender on <see cref="ReturnDay"/>.
/// </summary>
public sealed record PackageReminderSettings
{
    public const string DefaultTimeZoneId = "America/Toronto";

    private const int MaxDays = 60;

    public static PackageReminderSettings Default { get; } = new();

    public IReadOnlyList<int> ReminderDays { get; init; } = [3, 7];

    public int FinalNoticeDay { get; init; } = 12;

    public int ReturnDay { get; init; } = 14;

    public SendingHours SendingHours { get; init; } = SendingHours.Default;

    /// <summary>An IANA id (Windows ids also resolve on Windows). Montréal follows America/Toronto.</summary>
    public string TimeZoneId { get; init; } = DefaultTimeZoneId;

    /// <summary>
    /// Field errors (keys as in the API's <c>PackageSettings</c>), empty when the settings make sense:
    /// reminder days 1 or more and before the final notice day, distinct; final notice day before the
    /// return day; at most 60 days in all; sending hours with <c>from</c> before <c>to</c>; a known time zone.
    /// </summary>
    public IReadOnlyDictionary<string, LocalizedText> Validate()
    {
        var errors = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        if (ReturnDay is < 2 or > MaxDays)
        {
            errors["returnDay"] = Texts.Fields.OutOfRange.Format(2, MaxDays);
        }

        if (FinalNoticeDay < 1 || FinalNoticeDay >= ReturnDay)
        {
            errors["finalNoticeDay"] = PackageTexts.FinalNoticeBeforeReturn;
        }

        if (ReminderDays.Any(d => d < 1 || d >= FinalNoticeDay) || ReminderDays.Distinct().Count() != ReminderDays.Count)
        {
            errors["reminderDays"] = PackageTexts.RemindersBeforeFinalNotice;
        }

        if (SendingHours.From >= SendingHours.To)
        {
            errors["sendingHours"] = PackageTexts.SendingHoursOrder;
        }

        if (!ReminderPlanner.TryFindTimeZone(TimeZoneId, out _))
        {
            errors["timeZone"] = Texts.Fields.InvalidChoice;
        }

        return errors;
    }
}
