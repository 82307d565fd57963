// Interim stand-ins until the pkg-notices branch lands (deleted at that merge).
using System.Globalization;
using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Packages;

public enum Carrier
{
    [JsonStringEnumMemberName("canada-post")]
    CanadaPost,
    [JsonStringEnumMemberName("purolator")]
    Purolator,
    [JsonStringEnumMemberName("ups")]
    Ups,
    [JsonStringEnumMemberName("fedex")]
    FedEx,
    [JsonStringEnumMemberName("dhl")]
    Dhl,
    [JsonStringEnumMemberName("amazon")]
    Amazon,
    [JsonStringEnumMemberName("other")]
    Other,
}

public static class TrackingNumbers
{
    public static string Normalize(string? value) => (value ?? string.Empty).Trim().ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    public static void Validate(string normalized)
    {
        if (normalized.Length < 6 || normalized.Length > 40 || !normalized.All(char.IsAsciiLetterOrDigit))
        {
            throw LoftsDesArts.Core.Common.DomainException.Invalid("trackingNumber", new("Numéro de suivi invalide.", "Invalid tracking number."));
        }
    }

    public static Carrier DetectCarrier(string normalized) => normalized.StartsWith("1Z", StringComparison.Ordinal) ? Carrier.Ups : Carrier.Other;
}

public static class PackageShortIds
{
    public static string Format(DateOnly localDate, int sequence, string prefix = "LDA") =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{localDate:yyyyMMdd}-{sequence:0000}");

    public static bool LooksLikeShortId(string value) => value.Count(c => c == '-') == 2 && !value.StartsWith("p-", StringComparison.Ordinal);
}

public sealed record PackageReminderSettings
{
    public IReadOnlyList<int> ReminderDays { get; init; } = [3, 7];
    public int FinalNoticeDay { get; init; } = 12;
    public int ReturnDay { get; init; } = 14;
    public TimeOnly SendingFrom { get; init; } = new(8, 0);
    public TimeOnly SendingTo { get; init; } = new(21, 0);
    public string TimeZoneId { get; init; } = "America/Toronto";
}

public sealed record PlannedReminder(string Stage, DateTimeOffset DueAt);

public sealed class ReminderPlanner(PackageReminderSettings settings)
{
    public PlannedReminder? Next(DateTimeOffset arrivedAt, IReadOnlyList<string> sent, IReadOnlyList<VacationHold> holds)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId);
        foreach (var (stage, day) in settings.ReminderDays.Select(d => (d.ToString(CultureInfo.InvariantCulture), d)).Append(("final", settings.FinalNoticeDay)))
        {
            if (sent.Contains(stage))
            {
                continue;
            }

            var local = TimeZoneInfo.ConvertTime(arrivedAt, zone).DateTime.Date.AddDays(day).AddHours(settings.SendingFrom.Hour);
            if (holds.Any(h => h.Covers(DateOnly.FromDateTime(local))))
            {
                continue;
            }

            return new PlannedReminder(stage, new DateTimeOffset(local, zone.GetUtcOffset(local)));
        }

        return null;
    }
}
