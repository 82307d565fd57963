using System.Text.Json;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Packages;

public enum ReminderKind
{
    [JsonStringEnumMemberName("reminder")]
    Reminder,

    [JsonStringEnumMemberName("final-notice")]
    FinalNotice,
}

/// <summary>
/// One step of the reminder schedule: <c>Reminder(1)</c>, <c>Reminder(2)</c>… (in the order of
/// <see cref="PackageReminderSettings.ReminderDays"/>) or the <see cref="FinalNotice"/>.
/// <see cref="Key"/> (<c>reminder-1</c>, <c>final-notice</c>) is stable: use it in event ids
/// (<c>{packageId}:reminder-1</c>) and to store which stages were sent. In JSON it is its key, so an email
/// model that carries it survives the notice's stored payload (DESIGN §3.5) unchanged.
/// </summary>
[JsonConverter(typeof(ReminderStageJsonConverter))]
public readonly record struct ReminderStage
{
    private ReminderStage(ReminderKind kind, int number)
    {
        Kind = kind;
        Number = number;
    }

    public static ReminderStage FinalNotice { get; } = new(ReminderKind.FinalNotice, 0);

    public ReminderKind Kind { get; }

    /// <summary>1-based for reminders; 0 for the final notice.</summary>
    public int Number { get; }

    public bool IsFinalNotice => Kind == ReminderKind.FinalNotice;

    public string Key => IsFinalNotice ? "final-notice" : string.Create(CultureInfo.InvariantCulture, $"reminder-{Number}");

    public static ReminderStage Reminder(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return new ReminderStage(ReminderKind.Reminder, number);
    }

    public static bool TryParse(string? key, out ReminderStage stage)
    {
        stage = default;
        if (key == "final-notice")
        {
            stage = FinalNotice;
            return true;
        }

        if (key is not null && key.StartsWith("reminder-", StringComparison.Ordinal)
            && int.TryParse(key.AsSpan("reminder-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
        {
            stage = Reminder(number);
            return true;
        }

        return false;
    }

    public override string ToString() => Key;
}

/// <summary>Writes a <see cref="ReminderStage"/> as its <see cref="ReminderStage.Key"/> and reads it back.</summary>
public sealed class ReminderStageJsonConverter : JsonConverter<ReminderStage>
{
    public override ReminderStage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReminderStage.TryParse(reader.GetString(), out var stage) ? stage : throw new JsonException("Unknown reminder stage.");

    public override void Write(Utf8JsonWriter writer, ReminderStage value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Key);
    }
}

/// <summary>A stage of the schedule and when it is (or was) due.</summary>
/// <param name="Stage">Which reminder.</param>
/// <param name="Day">Days after the arrival date, from the settings.</param>
/// <param name="DueAt">The instant it is due (UTC), after clamping into the sending hours.</param>
/// <param name="SkippedForVacation">The due day falls inside a vacation hold: this stage is not sent.</param>
public sealed record PlannedReminder(ReminderStage Stage, int Day, DateTimeOffset DueAt, bool SkippedForVacation);

/// <summary>The next reminder to send for a package, and the instant it is due.</summary>
public sealed record DueReminder(ReminderStage Stage, DateTimeOffset DueAt);

/// <summary>
/// When to remind a resident of a waiting package (DESIGN §3.4 time-based work, §3.11 injected time):
/// a pure function of the arrival instant, the building's <see cref="PackageReminderSettings"/>, the
/// stages already sent and the unit's vacation holds. The scheduler stores <see cref="DueReminder.DueAt"/>
/// as the package's <c>nextActionAt</c>.
/// </summary>
/// <remarks>
/// Rules, all in the building's time zone:
/// <list type="bullet">
/// <item>Stage <c>k</c> is due on the local date <c>arrival date + days(k)</c> at the arrival's local time
/// of day, clamped into the sending hours: before <c>From</c> → <c>From</c> that day; at or after
/// <c>To</c> → <c>From</c> the next day (an arrival at 23:50 is reminded at 08:00 the morning after).</item>
/// <item>Daylight saving: a local time keeps its wall-clock value (08:30 stays 08:30 across both changes);
/// a time in the skipped spring hour moves forward by the hour (02:30 → 03:30); an ambiguous autumn time
/// takes its first occurrence (daylight time).</item>
/// <item>A stage whose due local date (after clamping) lies inside a vacation hold is skipped, not
/// postponed. Each stage is judged on its own day, so when a hold ends before the final notice day,
/// the final notice still goes; a hold that covers the final notice day skips it too.</item>
/// <item>Nothing is due on or after the return day (<c>arrival date + ReturnDay</c>): stages that would
/// fall there are dropped, and reminder days on or after the final notice day are ignored.</item>
/// <item>Each stage at most once, in order: only stages after the last one sent are candidates.</item>
/// <item>Catching up (<c>asOf</c>): when several stages are already due, the latest one supersedes the
/// earlier ones, so a resident never gets two reminders in a row after an outage.</item>
/// </list>
/// </remarks>
public sealed class ReminderPlanner
{
    private readonly PackageReminderSettings _settings;
    private readonly TimeZoneInfo _zone;

    /// <exception cref="TimeZoneNotFoundException">The settings name a time zone this machine does not know.</exception>
    public ReminderPlanner(PackageReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        if (!TryFindTimeZone(settings.TimeZoneId, out var zone))
        {
            throw new TimeZoneNotFoundException($"Unknown time zone '{settings.TimeZoneId}'.");
        }

        _zone = zone;
    }

    public PackageReminderSettings Settings => _settings;

    public TimeZoneInfo TimeZone => _zone;

    /// <summary>Finds an IANA or Windows time zone id; America/Toronto falls back to "Eastern Standard Time".</summary>
    public static bool TryFindTimeZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id == PackageReminderSettings.DefaultTimeZoneId && TimeZoneInfo.TryFindSystemTimeZoneById("Eastern Standard Time", out zone))
            {
                return true;
            }

            zone = null;
            return false;
        }
    }

    /// <summary>The local date of <paramref name="instant"/> in the building's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>Whole days since arrival, counted in local dates (arrived yesterday at 23:00 → 1 today at 07:00).</summary>
    public int AgeDays(DateTimeOffset arrivedAt, DateTimeOffset now) =>
        Math.Max(0, LocalDate(now).DayNumber - LocalDate(arrivedAt).DayNumber);

    /// <summary>The local date on which a package still waiting goes back to the sender.</summary>
    public DateOnly ReturnDate(DateTimeOffset arrivedAt) => LocalDate(arrivedAt).AddDays(_settings.ReturnDay);

    /// <summary>Every stage of the schedule for a package, in order, with its due instant and whether a hold skips it.</summary>
    public IReadOnlyList<PlannedReminder> Schedule(DateTimeOffset arrivedAt, IReadOnlyCollection<VacationHold>? holds = null)
    {
        var arrival = TimeZoneInfo.ConvertTime(arrivedAt, _zone);
        var arrivalDate = DateOnly.FromDateTime(arrival.DateTime);
        var arrivalTime = TimeOnly.FromDateTime(arrival.DateTime);
        var returnDate = arrivalDate.AddDays(_settings.ReturnDay);

        var stages = new List<(ReminderStage Stage, int Day)>();
        var number = 0;
        foreach (var day in _settings.ReminderDays.Where(d => d >= 1 && d < _settings.FinalNoticeDay).Distinct().Order())
        {
            stages.Add((ReminderStage.Reminder(++number), day));
        }

        if (_settings.FinalNoticeDay >= 1)
        {
            stages.Add((ReminderStage.FinalNotice, _settings.FinalNoticeDay));
        }

        var plan = new List<PlannedReminder>(stages.Count);
        foreach (var (stage, day) in stages)
        {
            var (date, time) = Clamp(arrivalDate.AddDays(day), arrivalTime);
            if (date >= returnDate)
            {
                continue;
            }

            var skipped = holds is not null && holds.Any(h => h.Contains(date));
            plan.Add(new PlannedReminder(stage, day, ToInstant(date, time), skipped));
        }

        return plan;
    }

    /// <summary>
    /// The next reminder to send, or <c>null</c> when none is left. Without <paramref name="asOf"/>, the first
    /// stage after the last one sent that no hold skips. With it, stages already due at <paramref name="asOf"/>
    /// are superseded by the latest of them, and nothing is due once the return date has come.
    /// </summary>
    public DueReminder? Next(
        DateTimeOffset arrivedAt,
        IReadOnlyCollection<ReminderStage> sent,
        IReadOnlyCollection<VacationHold>? holds = null,
        DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (asOf is { } now && LocalDate(now) >= ReturnDate(arrivedAt))
        {
            return null;
        }

        var plan = Schedule(arrivedAt, holds);
        var lastSent = -1;
        for (var i = 0; i < plan.Count; i++)
        {
            if (sent.Contains(plan[i].Stage))
            {
                lastSent = i;
            }
        }

        var candidates = plan.Skip(lastSent + 1).Where(p => !p.SkippedForVacation).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var next = candidates[0];
        if (asOf is { } at)
        {
            next = candidates.LastOrDefault(c => c.DueAt <= at) ?? next;
        }

        return new DueReminder(next.Stage, next.DueAt);
    }

    /// <summary>True when <paramref name="instant"/>'s local time is within the sending hours <c>[From, To)</c>.</summary>
    public bool IsWithinSendingHours(DateTimeOffset instant) =>
        _settings.SendingHours.Contains(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime));

    /// <summary>
    /// The next opening of the sending window strictly after <paramref name="instant"/>: today's <c>From</c>
    /// if it is still to come, otherwise tomorrow's (also when <paramref name="instant"/> is inside today's window).
    /// </summary>
    public DateTimeOffset NextSendingWindowStart(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        var opening = ToInstant(date, _settings.SendingHours.From);
        return opening > instant ? opening : ToInstant(date.AddDays(1), _settings.SendingHours.From);
    }

    /// <summary><paramref name="instant"/> itself when within sending hours, else the next opening of the window.</summary>
    public DateTimeOffset EarliestSendingTime(DateTimeOffset instant) =>
        IsWithinSendingHours(instant) ? instant : NextSendingWindowStart(instant);

    /// <summary>
    /// The instant of a local date and time: a time skipped by the spring change moves forward by the
    /// skipped amount (read with the offset in force before the change); an ambiguous autumn time takes
    /// its first occurrence (the larger offset, daylight time).
    /// </summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (_zone.IsInvalidTime(local))
        {
            offset = _zone.GetUtcOffset(local.AddHours(-3));
        }
        else if (_zone.IsAmbiguousTime(local))
        {
            offset = _zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = _zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private (DateOnly Date, TimeOnly Time) Clamp(DateOnly date, TimeOnly time)
    {
        var hours = _settings.SendingHours;
        if (time < hours.From)
        {
            return (date, hours.From);
        }

        return time >= hours.To ? (date.AddDays(1), hours.From) : (date, time);
    }
}
